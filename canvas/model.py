"""The typed business model that a YAML file describes (format version 1)."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

from .errors import Said
from .fields import Date, Float, Id, Int, Text
from .vocab import ids, literal

FORMAT_VERSION = 1


class Block(BaseModel):
    model_config = ConfigDict(extra="forbid")


TextList = Annotated[list[Text], Field(default_factory=list)]
Money = Annotated[Float, Field(ge=0)]  # an amount in meta.currency
IdList = Annotated[list[Id], Field(default_factory=list)]
# Evidence, on every entry of the model that can be right or wrong (EVIDENCE below lists them):
# how much the model depends on it, how sure its author is, and where it comes from. Entries with
# a confidence or a source are the model's assumptions, ranked by importance x uncertainty
# (canvas/evidence.py); the report marks low-confidence ones where they appear.
Importance = Annotated[Optional[literal("importance")], Field(
    None, description="How much the model depends on this entry being right: low, medium or high; ranks it "
                      "among the assumptions (اهمیت).")]
Confidence = Annotated[Optional[literal("confidence")], Field(
    None, description="How sure you are of it: low, medium or high. A low one is marked in the report and ranks "
                      "first among the assumptions when it matters (اطمینان).")]
Source = Annotated[Optional[Text], Field(
    None, description="Where it comes from: interviews, a survey, a report, a guess (منبع).")]


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
    currency: Optional[literal("currencies")] = Field(
        None, description="Currency of every amount in the model (revenue streams, costs, TAM/SAM/SOM, unit "
                          "economics): IRR (rial), IRT (toman), USD, EUR, GBP, AED (واحد پول).")


class Demographics(Block):
    """What the people (or companies) of a segment have in common."""

    age: Optional[Text] = Field(None, description="Age range, e.g. 25–40 (سن).")
    gender: Optional[Text] = Field(None, description="Gender, if it matters (جنسیت).")
    income: Optional[Text] = Field(None, description="Income level (درآمد).")
    location: Optional[Text] = Field(None, description="Where they live or work (محل زندگی).")
    education: Optional[Text] = Field(None, description="Education (تحصیلات).")
    occupation: Optional[Text] = Field(None, description="Occupation or industry (شغل).")
    purchase_preferences: Optional[Text] = Field(None, description="How they like to buy (ترجیحات خرید).")
    history: Optional[Text] = Field(None, description="Purchase history or relationship history.")


class Job(Block):
    """A job the segment's customers are trying to get done (کار مشتری)."""

    id: Id
    text: Text = Field(description="The job, in the customer's words (شرح کار).")
    kind: Optional[literal("job_kinds")] = Field(None,
        description="functional, social or emotional (نوع کار).")
    importance: Optional[literal("importance")] = Field(None,
        description="How much it matters to the customer: low, medium or high (اهمیت).")
    confidence: Confidence
    source: Source


class Pain(Block):
    """Something that annoys the customer before, during or after a job (درد مشتری)."""

    id: Id
    text: Text = Field(description="The pain, in the customer's words (شرح درد).")
    importance: Optional[literal("importance")] = Field(None,
        description="How much it hurts: low, medium or high; a high one nothing relieves is flagged (اهمیت).")
    confidence: Confidence
    source: Source


class Gain(Block):
    """An outcome or benefit the customer wants (منفعت مورد انتظار مشتری)."""

    id: Id
    text: Text = Field(description="The gain, in the customer's words (شرح منفعت).")
    importance: Optional[literal("importance")] = Field(None,
        description="How much it is wanted: low, medium or high (اهمیت).")
    confidence: Confidence
    source: Source


Share = Annotated[Float, Field(ge=0, le=100)]  # a percentage, 0 to 100


class Economics(Block):
    """Unit economics of a segment: the inputs of the workbook's what-if sheet (canvas/economics.py
    computes LTV, LTV/CAC, payback, break-even volume and revenue from them, per year)."""

    price: Optional[Money] = Field(None, description="What a customer pays per purchase, in meta.currency (قیمت).")
    purchases: Optional[Annotated[Float, Field(ge=0)]] = Field(None,
        description="Purchases per customer per year: 12 for a monthly subscription (دفعات خرید در سال).")
    gross_margin: Optional[Share] = Field(None,
        description="Gross margin in percent: what is left of the price after its direct costs (حاشیهٔ سود ناخالص).")
    cac: Optional[Money] = Field(None, description="Customer acquisition cost: marketing and sales spent per new "
                                                   "customer, in meta.currency (هزینهٔ جذب مشتری).")
    churn: Optional[Share] = Field(None,
        description="Churn: the percentage of customers lost per year; 100 minus the yearly retention (ریزش سالانه).")
    customers: Optional[Int] = Field(None, ge=0, description="Customers in the segment now, or planned (تعداد مشتریان).")
    fixed_costs: Optional[Money] = Field(None,
        description="Fixed costs per year this segment must cover, in meta.currency (هزینهٔ ثابت سالانه).")
    importance: Importance
    confidence: Confidence
    source: Source


class Segment(Block):
    """A customer segment (بخش مشتری) and its concerns (دغدغه‌ها)."""

    id: Id
    name: Text = Field(description="Name of the segment (نام بخش مشتری).")
    description: Optional[Text] = Field(None, description="Who they are, in a sentence or two (توضیح).")
    concerns: TextList = Field(description="What worries or matters to this segment.")
    demographics: Optional[Demographics] = Field(None,
        description="What its people or companies have in common (جمعیت‌شناسی).")
    size: Optional[Int] = Field(None, ge=0, description="Estimated number of customers in the segment.")
    size_unit: Optional[literal("size_units")] = Field(None,
        description="What `size` counts: people, companies, households, shops, schools (واحد اندازه).")
    tam: Optional[Money] = Field(None, description="Total addressable market: what all of it would spend, in "
                                                   "meta.currency per year (بازار کل).")
    sam: Optional[Money] = Field(None, description="Serviceable available market: the part your offer can "
                                                   "reach, in meta.currency per year (بازار در دسترس).")
    som: Optional[Money] = Field(None, description="Serviceable obtainable market: the part you can win, in "
                                                   "meta.currency per year (بازار قابل کسب).")
    our_share: Optional[Share] = Field(None,
        description="Our own market share in this segment, in percent (سهم بازار ما).")
    economics: Optional[Economics] = Field(None,
        description="Unit economics: price, purchases a year, gross margin, CAC, churn, customers, fixed costs "
                    "(اقتصاد واحد).")
    jobs: list[Job] = Field(default_factory=list,
        description="Customer profile: jobs the customers want done (کارهای مشتری).")
    pains: list[Pain] = Field(default_factory=list,
        description="Customer profile: pains, each with an id relievers name (دردهای مشتری).")
    gains: list[Gain] = Field(default_factory=list,
        description="Customer profile: gains, each with an id creators name (منافع مورد انتظار).")
    importance: Importance
    confidence: Confidence
    source: Source


class Persona(Block):
    """An imagined ideal customer of a segment, drawn from research (پرسونا)."""

    id: Id
    segment: Id = Field(description="Id of the segment the persona belongs to.")
    name: Text = Field(description="The persona's name (نام).")
    age: Optional[Int] = Field(None, description="Age in years (سن).", ge=0, le=130)
    gender: Optional[Text] = Field(None, description="Gender (جنسیت).")
    occupation: Optional[Text] = Field(None, description="Job or role (شغل).")
    location: Optional[Text] = Field(None, description="Where the persona lives (محل زندگی).")
    education: Optional[Text] = Field(None, description="Education (تحصیلات).")
    social_class: Optional[Text] = Field(None, description="Social class (طبقهٔ اجتماعی).")
    income: Optional[Text] = Field(None, description="Income (درآمد).")
    bio: Optional[Text] = Field(None, description="A short story of the persona.")
    hobbies: TextList = Field(description="Hobbies and interests (سرگرمی‌ها).")
    purchase_habits: TextList = Field(description="Buying habits (عادت‌های خرید).")
    buying_methods: TextList = Field(description="Preferred ways of buying.")
    interest: Optional[Text] = Field(None, description="Interest in the product (علاقه به محصول).")
    need: Optional[Text] = Field(None, description="Need for the product (نیاز به محصول).")
    goals: TextList = Field(description="What the persona wants to achieve (اهداف).")
    frustrations: TextList = Field(description="What gets in the way (ناکامی‌ها و نگرانی‌ها).")
    quote: Optional[Text] = Field(None, description="A sentence the persona would say (نقل‌قول).")
    archetype: Optional[literal("archetypes")] = Field(None, description="Brand archetype the persona responds to.")
    photo: Optional[str] = Field(None, description="PNG, JPEG or SVG picture, relative to this YAML file; "
                                                   "the report shows the persona's initials without one.")
    channels: IdList = Field(description="Ids of the channels the persona prefers.")
    importance: Importance
    confidence: Confidence
    source: Source


class Values(Block):
    """Values of a proposition grouped by the four value types."""

    functional: TextList = Field(description="Quality, variety, simplicity, time saved, cost cut...")
    emotional: TextList = Field(description="Attractiveness, fun, health, design, less stress...")
    personal: TextList = Field(description="Confidence, motivation, belonging, pride, hope...")
    social: TextList = Field(description="Effects on other people's lives.")


class PainReliever(Block):
    """How a proposition relieves pains of its segments' customers (مسکّن درد)."""

    text: Text = Field(description="What the product or service does about the pains (شرح).")
    pains: IdList = Field(description="Ids of the segments' pains it relieves (دردها).")
    importance: Importance
    confidence: Confidence
    source: Source


class GainCreator(Block):
    """How a proposition creates gains its segments' customers want (منفعت‌آفرین)."""

    text: Text = Field(description="What the product or service does for the gains (شرح).")
    gains: IdList = Field(description="Ids of the segments' gains it creates (منافع).")
    importance: Importance
    confidence: Confidence
    source: Source


class ValueProposition(Block):
    """A value proposition (ارزش پیشنهادی) and the segments it serves."""

    id: Id
    name: Text = Field(description="Name of the proposition (نام).")
    description: Optional[Text] = Field(None, description="What is offered, in a sentence or two (توضیح).")
    segments: IdList = Field(description="Ids of the segments served.")
    products: TextList = Field(description="Products and services that carry the value.")
    values: Values = Field(description="The values it delivers, by type (ارزش‌ها).", default_factory=Values)
    pains_relieved: TextList = Field(description="Pains it relieves, as plain notes not linked to a segment's "
                                                 "pains (دردهایی که برطرف می‌کند); pain_relievers link them.")
    gains_created: TextList = Field(description="Gains it creates, as plain notes not linked to a segment's "
                                                "gains (منافعی که می‌آفریند); gain_creators link them.")
    pain_relievers: list[PainReliever] = Field(default_factory=list,
        description="Pain relievers, each naming the pains it relieves (مسکّن‌های درد).")
    gain_creators: list[GainCreator] = Field(default_factory=list,
        description="Gain creators, each naming the gains it creates (منفعت‌آفرین‌ها).")
    importance: Importance
    confidence: Confidence
    source: Source


class Channel(Block):
    """A channel (کانال) and how strongly it serves each segment: one row of the channel matrix."""

    id: Id
    name: Text = Field(description="Name of the channel (نام کانال).")
    category: literal("channel_categories") = Field(description="Kind of channel (نوع کانال).")
    description: Optional[Text] = Field(None, description="How the channel works (توضیح).")
    phases: list[literal("channel_phases")] = Field(default_factory=list,
        description="Channel phases it covers: awareness, evaluation, purchase, delivery, after_sales (مراحل کانال).")
    serves: dict[Id, Annotated[Int, Field(ge=0, le=3)]] = Field(
        default_factory=dict, description="Segment id -> strength 0 (not used) to 3 (strong).")
    importance: Importance
    confidence: Confidence
    source: Source


class Relationship(Block):
    """How the business relates to a segment (ارتباط با مشتری)."""

    segment: Id = Field(description="Id of the segment this relationship is with.")
    type: literal("relationship_types") = Field(description="Kind of relationship (نوع ارتباط).")
    motivations: list[literal("motivations")] = Field(default_factory=list,
        description="Why the relationship exists: acquisition, retention, boosting sales (انگیزه‌ها).")
    description: Optional[Text] = Field(None, description="How it works in practice (توضیح).")
    tactics: TextList = Field(description="What is done to keep it up (تاکتیک‌ها).")
    importance: Importance
    confidence: Confidence
    source: Source


class StageMetric(Block):
    """A measure of one journey stage: NPS, CSAT, CES, drop-off or one of your own, against its target."""

    metric: Optional[Id] = Field(None, description="nps, csat, ces, drop_off, or an id of your own (give name).")
    name: Optional[Text] = Field(None, description="Label; defaults to the built-in metric's label (نام سنجه).")
    value: Float = Field(description="The measured value (مقدار).")
    target: Optional[Float] = Field(None, description="The value aimed at; the report colours the value "
                                                      "against it (هدف).")
    unit: Optional[Text] = Field(None, description="Unit shown after the numbers: %, /5, s... (واحد).")
    better: Optional[literal("metric_better")] = Field(
        None, description="Whether a higher or a lower value is better; default: lower for drop_off and ces, "
                          "higher for the others.")
    source: Source
    importance: Importance
    confidence: Confidence

    @model_validator(mode="after")
    def _named(self):
        if self.name is None and (self.metric is None or self.metric not in ids("journey_metrics")):
            raise Said("metric_named")  # a metric of one's own shows by its name
        return self

    @property
    def lower_is_better(self) -> bool:
        return self.better == "lower" if self.better else self.metric in LOWER_IS_BETTER

    def met(self) -> bool | None:
        """Whether the value meets its target (None without one)."""
        if self.target is None:
            return None
        return self.value <= self.target if self.lower_is_better else self.value >= self.target


LOWER_IS_BETTER = {"drop_off"}  # built-in metrics for which less is better (the others: more)


class JourneyStage(Block):
    """One stage of a customer journey map, with its service-blueprint lanes and metrics."""

    stage: Id = Field(description="A built-in stage id (awareness, interest, evaluation, purchase, "
                                  "after_purchase, loyalty) or one of custom_stages.")
    label: Optional[Text] = Field(None, description="This journey's name for the stage, shown instead of "
                                                    "the stage's own name (نام مرحله در این سفر).")
    actions: TextList = Field(description="What the customer does at this stage (اقدامات).")
    thoughts: TextList = Field(description="What the customer thinks (افکار).")
    emotion: Optional[Annotated[Int, Field(ge=-2, le=2)]] = Field(
        None, description="Emotion score from -2 (very negative) to 2 (very positive).")
    moment_of_truth: bool = Field(False, description="true marks a moment of truth: a stage that makes or "
                                                     "breaks the relationship (لحظهٔ حقیقت).")
    feelings: TextList = Field(description="Words for the emotions felt.")
    pain_points: TextList = Field(description="What goes wrong or hurts (نقاط درد).")
    touchpoints: TextList = Field(description="Channel ids (linked to the channel) or free text.")
    evidence: TextList = Field(description="Service blueprint: physical or digital evidence the customer "
                                           "sees: a receipt, an SMS, a screen (شواهد فیزیکی).")
    frontstage: TextList = Field(description="Service blueprint: what staff or systems do in view of the "
                                             "customer (پیش‌صحنه).")
    backstage: TextList = Field(description="Service blueprint: what happens out of the customer's view (پشت‌صحنه).")
    support: TextList = Field(description="Service blueprint: supporting processes and systems (فرایندهای پشتیبان).")
    owner: Optional[Text] = Field(None, description="Service blueprint: the team that owns the stage (مسئول).")
    opportunities: TextList = Field(description="What the business could improve (فرصت‌ها).")
    metrics: list[StageMetric] = Field(default_factory=list,
                                       description="Measures of the stage: NPS, CSAT, CES, drop-off... (سنجه‌ها).")
    funnel: Optional[Id] = Field(None, description="Id of the funnel stage this stage feeds; the report shows "
                                                   "its count and drop-off beside the emotion (مرحلهٔ قیف).")
    situation: Optional[Text] = Field(None, description="The customer's situation: experience triangle (موقعیت).")
    interaction: Optional[Text] = Field(None,
        description="The interaction with the business: experience triangle (تعامل).")
    function: Optional[Text] = Field(None, description="What the product does here: experience triangle (کارکرد).")


class Journey(Block):
    """A customer journey map for one persona or segment (نقشه سفر مشتری)."""

    id: Id
    persona: Optional[Id] = Field(None, description="Id of the persona who travels this journey (or give segment).")
    segment: Optional[Id] = Field(None,
        description="Id of the segment, for a journey of a whole segment (or give persona).")
    title: Optional[Text] = Field(None,
        description="Title of the map; default: the persona's or segment's name (عنوان).")
    goal: Optional[Text] = Field(None, description="What the customer wants from the journey (هدف).")
    of: Optional[Id] = Field(None, description="Id of the journey this one is compared with: another "
                                               "persona's, or the as-is of a to-be. Journeys linked by `of` "
                                               "(directly or through others) draw each other's curves.")
    variant: Optional[literal("journey_variants")] = Field(
        None, description="as_is (today) or to_be (the journey redesigned), named in the legends (نسخه).")
    stages: list[JourneyStage] = Field(description="The stages in order, at least one, each once (مراحل).",
                                       min_length=1)
    importance: Importance
    confidence: Confidence
    source: Source

    @model_validator(mode="after")
    def _needs_owner(self):
        if self.persona is None and self.segment is None:
            raise Said("journey_owner")
        return self


class CustomStage(Block):
    """A journey stage of your own, next to the built-in ones."""

    id: Id
    name: Text = Field(description="Label of the stage, shown in the journey maps (نام مرحله).")


class FunnelStage(Block):
    """A step of the sales funnel with the number of people in it."""

    stage: Optional[Id] = Field(None, description="visitors, followers, leads, customers, loyal, or any id.")
    name: Optional[Text] = Field(None, description="Label; defaults to the built-in stage's label.")
    count: Int = Field(description="How many people are at this step (تعداد).", ge=0)
    note: Optional[Text] = Field(None, description="A remark on this step (یادداشت).")
    importance: Importance
    confidence: Confidence
    source: Source

    @model_validator(mode="after")
    def _named(self):
        if self.stage is None and self.name is None:
            raise Said("funnel_named")
        return self


class Funnel(Block):
    """Potential and actual customers: the funnel (قیف فروش)."""

    period: Optional[literal("periods")] = Field(None,
        description="What the counts are per: month, quarter, year, or once (a total) (دوره).")
    stages: list[FunnelStage] = Field(default_factory=list,
        description="Steps from the widest to the narrowest (مراحل قیف).")
    techniques: TextList = Field(description="Conversion techniques in use.")
    name: Optional[Text] = Field(None, description="Its name, when 'Sales funnel' does not say whose it is: "
                                                   "the families' side of a two-sided business (نام قیف).")


class NamedFunnel(Funnel):
    """Another funnel, beside the main one: the other side of a two-sided business (drivers,
    sellers), a second product. Journey stages name its stages as FUNNEL.STAGE (drivers.active)."""

    id: Id
    name: Text = Field(description="Name of the funnel (نام قیف).")


class Market(Block):
    """A competitor's position in one segment."""

    segment: Id
    share: Optional[Annotated[Float, Field(ge=0, le=100)]] = Field(None, description="Market share in percent.")
    offer: Optional[Text] = Field(None, description="What the competitor offers this segment (پیشنهاد رقیب).")


class Competitor(Block):
    """A competitor (رقیب), per segment."""

    id: Id
    name: Text = Field(description="Name of the competitor (نام رقیب).")
    description: Optional[Text] = Field(None, description="Who they are and how they compete (توضیح).")
    value_chain: Optional[Text] = Field(None, description="Where the competitor sits in the value chain.")
    price: Optional[Text] = Field(None, description="What they charge, as said: '9.99 a month', 'free with ads' (قیمت).")
    strengths: TextList = Field(description="What they do well (نقاط قوت).")
    weaknesses: TextList = Field(description="Where they fall short (نقاط ضعف).")
    markets: list[Market] = Field(default_factory=list,
        description="The segments where they compete, with share and offer (بازارها).")
    importance: Importance
    confidence: Confidence
    source: Source


class Named(Block):
    """What every entry of a canvas block has."""

    name: Text = Field(description="Name of the entry (نام).")
    description: Optional[Text] = Field(None, description="A sentence or two about it (توضیح).")


class Item(Named):
    """An entry of a canvas block: a key activity or partner."""

    importance: Importance
    confidence: Confidence
    source: Source


class RevenueStream(Named):
    segments: IdList = Field(description="Ids of the segments that pay.")
    pricing: Optional[Text] = Field(None,
        description="How it is priced: subscription, per use, licence... (قیمت‌گذاری).")
    amount: Optional[Money] = Field(None,
        description="How much it brings in, in meta.currency, per period (مبلغ).")
    period: Optional[literal("periods")] = Field(None, description="What the amount is per: once, month, "
                                                                   "quarter or year (دوره).")
    importance: Importance
    confidence: Confidence
    source: Source


class Resource(Named):
    type: Optional[literal("resource_types")] = Field(None, description="Kind of resource (نوع منبع).")
    importance: Importance
    confidence: Confidence
    source: Source


class Cost(Named):
    type: Optional[literal("cost_types")] = Field(None, description="Kind of cost (نوع هزینه).")
    amount: Optional[Money] = Field(None,
        description="How much it costs, in meta.currency, per period (مبلغ).")
    period: Optional[literal("periods")] = Field(None, description="What the amount is per: once, month, "
                                                                   "quarter or year (دوره).")
    importance: Importance
    confidence: Confidence
    source: Source


class Lean(Block):
    """The Lean Canvas (Ash Maurya, CC BY-SA 3.0): a second canvas drawn from the same model; its
    customer segments, channels, cost structure and revenue streams are the model's own."""

    problem: TextList = Field(description="The customers' top three problems (مسئله).")
    existing_alternatives: TextList = Field(description="How they solve the problems today (راه‌حل‌های موجود).")
    solution: TextList = Field(description="The solution to each problem, briefly (راه‌حل).")
    unique_value_proposition: Optional[Text] = Field(None,
        description="One clear message why you are different and worth buying (ارزش پیشنهادی یکتا).")
    high_level_concept: Optional[Text] = Field(None,
        description="An X-for-Y analogy, e.g. 'YouTube for learning' (مفهوم سطح بالا).")
    unfair_advantage: TextList = Field(description="What cannot easily be copied or bought (مزیت ناعادلانه).")
    key_metrics: TextList = Field(description="The numbers that tell how the business is doing (معیارهای کلیدی).")
    early_adopters: TextList = Field(description="Who will buy first: the ideal first customers (پذیرندگان اولیه).")


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
        default_factory=list,
            description="Codes of checks to leave out, e.g. [C501] (see the README's list of checks).")

    @model_validator(mode="after")
    def _known(self):
        from .checks import definitions

        unknown = [code for code in self.ignore if code not in definitions()]
        if unknown:
            raise Said("unknown_check", value=unknown, choices=list(definitions()))
        return self


class BusinessModel(Block):
    """A whole business model: the nine canvas blocks plus personas, journeys, funnel, competitors."""

    # true is no version (pydantic would take it for 1)
    version: Annotated[Literal[1], BeforeValidator(lambda v: str(v).lower() if isinstance(v, bool) else v)] = Field(
        description="Format version; always 1.")
    meta: Meta = Field(description="Title, organisation, author, date and language of the model.")
    brand: Optional[Brand] = Field(None, description="Logo, colours and footer of the deliverables.")
    checks: Optional[Checks] = Field(None, description="Checks to leave out for this model.")
    custom_stages: list[CustomStage] = Field(default_factory=list,
                                             description="Journey stages of your own, beside the built-in ones.")
    segments: list[Segment] = Field(default_factory=list, description="Customer segments (بخش‌های مشتری).")
    personas: list[Persona] = Field(default_factory=list, description="Personas, each of a segment (پرسونا).")
    value_propositions: list[ValueProposition] = Field(default_factory=list,
                                                       description="Value propositions (ارزش پیشنهادی).")
    channels: list[Channel] = Field(default_factory=list, description="Channels and the channel matrix (کانال‌ها).")
    relationships: list[Relationship] = Field(default_factory=list,
                                              description="Customer relationships (ارتباط با مشتری).")
    journeys: list[Journey] = Field(default_factory=list, description="Customer journey maps (نقشهٔ سفر مشتری).")
    funnel: Funnel = Field(default_factory=Funnel, description="The sales funnel (قیف فروش).")
    funnels: list[NamedFunnel] = Field(default_factory=list,
        description="More funnels, each with an id and a name: the other side of a two-sided business (قیف‌های دیگر).")
    competitors: list[Competitor] = Field(default_factory=list, description="Competitors (رقبا).")
    revenue_streams: list[RevenueStream] = Field(default_factory=list, description="Revenue streams (جریان‌های درآمد).")
    key_resources: list[Resource] = Field(default_factory=list, description="Key resources (منابع کلیدی).")
    key_activities: list[Item] = Field(default_factory=list, description="Key activities (فعالیت‌های کلیدی).")
    key_partners: list[Item] = Field(default_factory=list, description="Key partners (شرکای کلیدی).")
    cost_structure: list[Cost] = Field(default_factory=list, description="Cost structure (ساختار هزینه).")
    lean: Optional[Lean] = Field(None, description="The Lean Canvas's own boxes (بوم ناب); its segments, channels, "
                                                   "costs and revenue streams come from the blocks above.")

    # The folder of the YAML file: relative paths in it (the brand logo) start there.
    _base_dir: Optional[str] = PrivateAttr(None)
    # The parsed YAML with positions (set by the loader): checks point at lines with it.
    _source: Any = PrivateAttr(None)
