"""The typed business model that a YAML file describes (format version 1)."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

from .errors import Said
from .fields import Date, Float, Id, Int, Text
from .vocab import literal

FORMAT_VERSION = 1


class Block(BaseModel):
    model_config = ConfigDict(extra="forbid")


TextList = Annotated[list[Text], Field(default_factory=list)]
IdList = Annotated[list[Id], Field(default_factory=list)]


class Meta(Block):
    """Who made the model, when, and in which language."""

    title: Text = Field(description="Title of the model, shown on the cover.")
    subtitle: Optional[Text] = Field(None, description="A line under the title.")
    organisation: Optional[Text] = Field(None, description="The business the model describes.")
    author: Optional[Text] = Field(None, description="Who wrote the model.")
    date: Optional[Date] = Field(None, description="Date of this version: Gregorian 2024-10-06 or Jalali 1403/07/15.")
    language: Literal["fa", "en"] = Field(description="Language of plain-text fields and default output language.")
    summary: Optional[Text] = Field(None, description="Executive summary, a paragraph or two.")
    calendar: Optional[Literal["jalali", "gregorian"]] = Field(
        None, description="Calendar for dates in outputs; default Jalali for fa, Gregorian for en.")
    digits: Optional[Literal["persian", "latin"]] = Field(
        None, description="Digits in fa reports; default persian.")


class Demographics(Block):
    """What the people (or companies) of a segment have in common."""

    age: Optional[Text] = None
    gender: Optional[Text] = None
    income: Optional[Text] = None
    location: Optional[Text] = None
    education: Optional[Text] = None
    occupation: Optional[Text] = None
    purchase_preferences: Optional[Text] = None
    history: Optional[Text] = Field(None, description="Purchase history or relationship history.")


class Segment(Block):
    """A customer segment (بخش مشتری) and its concerns (دغدغه‌ها)."""

    id: Id
    name: Text
    description: Optional[Text] = None
    concerns: TextList = Field(description="What worries or matters to this segment.")
    demographics: Optional[Demographics] = None
    size: Optional[Int] = Field(None, ge=0, description="Estimated number of customers in the segment.")


class Persona(Block):
    """An imagined ideal customer of a segment, drawn from research (پرسونا)."""

    id: Id
    segment: Id = Field(description="Id of the segment the persona belongs to.")
    name: Text
    age: Optional[Int] = Field(None, ge=0, le=130)
    gender: Optional[Text] = None
    occupation: Optional[Text] = None
    location: Optional[Text] = None
    education: Optional[Text] = None
    social_class: Optional[Text] = None
    income: Optional[Text] = None
    bio: Optional[Text] = Field(None, description="A short story of the persona.")
    hobbies: TextList
    purchase_habits: TextList
    buying_methods: TextList = Field(description="Preferred ways of buying.")
    interest: Optional[Text] = Field(None, description="Interest in the product (علاقه به محصول).")
    need: Optional[Text] = Field(None, description="Need for the product (نیاز به محصول).")
    goals: TextList
    frustrations: TextList
    quote: Optional[Text] = None
    archetype: Optional[literal("archetypes")] = Field(None, description="Brand archetype the persona responds to.")
    photo: Optional[str] = Field(None, description="PNG, JPEG or SVG picture, relative to this YAML file; "
                                                   "the report shows the persona's initials without one.")
    channels: IdList = Field(description="Ids of the channels the persona prefers.")


class Values(Block):
    """Values of a proposition grouped by the four value types."""

    functional: TextList = Field(description="Quality, variety, simplicity, time saved, cost cut...")
    emotional: TextList = Field(description="Attractiveness, fun, health, design, less stress...")
    personal: TextList = Field(description="Confidence, motivation, belonging, pride, hope...")
    social: TextList = Field(description="Effects on other people's lives.")


class ValueProposition(Block):
    """A value proposition (ارزش پیشنهادی) and the segments it serves."""

    id: Id
    name: Text
    description: Optional[Text] = None
    segments: IdList = Field(description="Ids of the segments served.")
    products: TextList = Field(description="Products and services that carry the value.")
    values: Values = Field(default_factory=Values)
    pains_relieved: TextList
    gains_created: TextList


class Channel(Block):
    """A channel (کانال) and how strongly it serves each segment: one row of the channel matrix."""

    id: Id
    name: Text
    category: literal("channel_categories")
    description: Optional[Text] = None
    phases: list[literal("channel_phases")] = Field(default_factory=list)
    serves: dict[Id, Annotated[Int, Field(ge=0, le=3)]] = Field(
        default_factory=dict, description="Segment id -> strength 0 (not used) to 3 (strong).")


class Relationship(Block):
    """How the business relates to a segment (ارتباط با مشتری)."""

    segment: Id
    type: literal("relationship_types")
    motivations: list[literal("motivations")] = Field(default_factory=list)
    description: Optional[Text] = None
    tactics: TextList


class JourneyStage(Block):
    """One stage of a customer journey map."""

    stage: Id = Field(description="A built-in stage id (awareness, interest, evaluation, purchase, "
                                  "after_purchase, loyalty) or one of custom_stages.")
    actions: TextList
    thoughts: TextList
    emotion: Optional[Annotated[Int, Field(ge=-2, le=2)]] = Field(
        None, description="Emotion score from -2 (very negative) to 2 (very positive).")
    feelings: TextList = Field(description="Words for the emotions felt.")
    pain_points: TextList
    touchpoints: TextList = Field(description="Channel ids (linked to the channel) or free text.")
    opportunities: TextList
    situation: Optional[Text] = None
    interaction: Optional[Text] = None
    function: Optional[Text] = None


class Journey(Block):
    """A customer journey map for one persona or segment (نقشه سفر مشتری)."""

    id: Id
    persona: Optional[Id] = None
    segment: Optional[Id] = None
    title: Optional[Text] = None
    goal: Optional[Text] = None
    stages: list[JourneyStage] = Field(min_length=1)

    @model_validator(mode="after")
    def _needs_owner(self):
        if self.persona is None and self.segment is None:
            raise Said("journey_owner")
        return self


class CustomStage(Block):
    """A journey stage of your own, next to the built-in ones."""

    id: Id
    name: Text


class FunnelStage(Block):
    """A step of the sales funnel with the number of people in it."""

    stage: Optional[Id] = Field(None, description="visitors, followers, leads, customers, loyal, or any id.")
    name: Optional[Text] = Field(None, description="Label; defaults to the built-in stage's label.")
    count: Int = Field(ge=0)
    note: Optional[Text] = None

    @model_validator(mode="after")
    def _named(self):
        if self.stage is None and self.name is None:
            raise Said("funnel_named")
        return self


class Funnel(Block):
    """Potential and actual customers: the funnel (قیف فروش)."""

    stages: list[FunnelStage] = Field(default_factory=list)
    techniques: TextList = Field(description="Conversion techniques in use.")


class Market(Block):
    """A competitor's position in one segment."""

    segment: Id
    share: Optional[Annotated[Float, Field(ge=0, le=100)]] = Field(None, description="Market share in percent.")
    offer: Optional[Text] = None


class Competitor(Block):
    """A competitor (رقیب), per segment."""

    id: Id
    name: Text
    description: Optional[Text] = None
    value_chain: Optional[Text] = Field(None, description="Where the competitor sits in the value chain.")
    markets: list[Market] = Field(default_factory=list)


class Item(Block):
    """An entry of a canvas block."""

    name: Text
    description: Optional[Text] = None


class RevenueStream(Item):
    segments: IdList
    pricing: Optional[Text] = None


class Resource(Item):
    type: Optional[literal("resource_types")] = None


class Cost(Item):
    type: Optional[literal("cost_types")] = None


Color = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="A colour as #RRGGBB.")]


class Brand(Block):
    """A consultant's look: logo, colours and footer line (also loadable with `--brand FILE`)."""

    logo: Optional[str] = Field(None, description="PNG, JPEG or SVG file, relative to this YAML file.")
    primary: Optional[Color] = Field(None, description="Headings, table headers, the cover band.")
    accent: Optional[Color] = Field(None, description="Sub-headings, rules and charts.")
    footer: Optional[Text] = Field(None, description="A line at the foot of every report page.")
    health: Optional[bool] = Field(None, description="false leaves the Model health section out of the "
                                                     "report (for a client); default: shown.")


class Checks(Block):
    """How `canvas check` (and the report's health section) judge this model."""

    ignore: list[Annotated[str, BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v)]] = Field(
        default_factory=list, description="Codes of checks to leave out, e.g. [C501] (see the README's list of checks).")

    @model_validator(mode="after")
    def _known(self):
        from .checks import definitions

        unknown = [code for code in self.ignore if code not in definitions()]
        if unknown:
            raise Said("unknown_check", value=unknown, choices=list(definitions()))
        return self


class BusinessModel(Block):
    """A whole business model: the nine canvas blocks plus personas, journeys, funnel, competitors."""

    version: Literal[1] = Field(description="Format version; always 1.")
    meta: Meta
    brand: Optional[Brand] = None
    checks: Optional[Checks] = None
    custom_stages: list[CustomStage] = Field(default_factory=list)
    segments: list[Segment] = Field(default_factory=list)
    personas: list[Persona] = Field(default_factory=list)
    value_propositions: list[ValueProposition] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    journeys: list[Journey] = Field(default_factory=list)
    funnel: Funnel = Field(default_factory=Funnel)
    competitors: list[Competitor] = Field(default_factory=list)
    revenue_streams: list[RevenueStream] = Field(default_factory=list)
    key_resources: list[Resource] = Field(default_factory=list)
    key_activities: list[Item] = Field(default_factory=list)
    key_partners: list[Item] = Field(default_factory=list)
    cost_structure: list[Cost] = Field(default_factory=list)

    # The folder of the YAML file: relative paths in it (the brand logo) start there.
    _base_dir: Optional[str] = PrivateAttr(None)
    # The parsed YAML with positions (set by the loader): checks point at lines with it.
    _source: Any = PrivateAttr(None)
