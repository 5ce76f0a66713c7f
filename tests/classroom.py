"""A generated class: students who fill canvas's blank worksheet as people do, in Persian or
English, thoroughly or not, with their own words (so no two are alike unless one copied).

Cells are found the way a person finds them, by the labels canvas writes (in the worksheet's
language, from canvas's own label catalogue) and the sheets' roles, not by coordinates."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from canvas.view import labels
from canvas.vocab import label as vocab_label
from sheets import at, below, beside, role, row_of

WORDS = {
    "en": ("quick coffee campus cart student morning queue price loyalty card friendly barista fresh bean roast "
           "cup lid reusable discount app order pickup window lecture hall library exam stress sleep energy "
           "budget weekly pass membership stamp reward cheap local organic milk oat almond syrup vanilla "
           "caramel muffin bagel snack healthy vegan option speed service wait minute line crowd noise seat "
           "table power outlet laptop study group meeting friend chat social media post story photo review "
           "rating star recommend word mouth flyer poster board club event festival sponsor partner bakery "
           "supplier farm delivery bike route weather rain umbrella heater winter summer iced tea matcha "
           "chai brew filter espresso machine grinder staff shift wage rent permit license cost margin").split(),
    "fa": ("قهوه دانشگاه دانشجو صبح صف قیمت کارت وفاداری دوستانه تازه دانه برشته فنجان درب تخفیف برنامه سفارش "
           "تحویل پنجره کلاس کتابخانه امتحان استرس خواب انرژی بودجه هفتگی اشتراک مهر جایزه ارزان محلی شیر "
           "بادام کیک نان میان‌وعده سالم گیاهی گزینه سرعت خدمت انتظار دقیقه شلوغی صدا صندلی میز پریز لپ‌تاپ "
           "مطالعه گروه جلسه دوست گفتگو شبکه عکس نظر امتیاز ستاره توصیه دهان تبلیغ پوستر تابلو باشگاه رویداد "
           "جشنواره حامی شریک نانوایی تامین‌کننده مزرعه پیک دوچرخه مسیر هوا باران چتر بخاری زمستان تابستان "
           "یخ چای دم فیلتر دستگاه آسیاب کارکنان شیفت دستمزد اجاره مجوز هزینه حاشیه سود بازار رقیب کیفیت "
           "طعم بو گرما سرما کوچه خیابان ایستگاه مترو اتوبوس کتاب استاد").split(),
}


def say(lang: str, key: str) -> str:
    """A label as canvas writes it in `lang`."""
    return labels()[key][lang]


@dataclass
class Student:
    """What one student does with the worksheet."""

    name: str
    lang: str
    seed: int
    emotions: bool = True           # gives every journey stage an emotion score
    segment_by: str = "name"        # how the persona names its segment: name, id or arabic (ي/ك typed)
    typo: bool = False              # names a segment that does not exist
    stray: bool = False             # types a note in a cell outside the worksheet's tables
    texts: list[str] = field(default_factory=list)

    def words(self, rng: random.Random, n: int) -> str:
        return " ".join(rng.choice(WORDS[self.lang]) for _ in range(n))


ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})


def fill(wb, student: Student) -> None:
    """Fill the blank `wb` as `student` would: one segment, persona, journey, proposition, channel,
    relationship, competitor, the funnel and the other canvas blocks."""
    rng = random.Random(student.seed)
    lang = student.lang
    L = lambda key: say(lang, key)  # noqa: E731
    text = lambda n=6: student.words(rng, n)  # noqa: E731
    beside(role(wb, "overview"), L("title")).value = text(3)
    segment_name = text(2)
    segments = role(wb, "segments")
    at(segments, L("name"), 4).value = segment_name
    at(segments, L("description"), 4).value = text(10)
    at(segments, L("concerns"), 4).value = f"{text(4)}\n{text(4)}"

    persona = role(wb, "persona_1")
    beside(persona, L("name")).value = text(2)
    typed = {"name": segment_name, "id": "s1", "arabic": segment_name.translate(ARABIC)}[student.segment_by]
    beside(persona, L("segment")).value = text(2) if student.typo else typed
    beside(persona, L("archetype")).value = vocab_label("archetypes", "explorer", lang)
    beside(persona, L("goals")).value = f"{text(5)}\n{text(5)}"
    beside(persona, L("quote")).value = text(8)
    beside(persona, L("bio")).value = text(20)

    journey = role(wb, "journey_1")
    stages = row_of(journey, L("stage"))
    for col in range(2, 8):  # the six stages
        journey.cell(row=row_of(journey, L("actions")), column=col, value=text(6))
        journey.cell(row=row_of(journey, L("touchpoints")), column=col, value=text(2))
        journey.cell(row=row_of(journey, L("pain_points")), column=col, value=text(5))
        if student.emotions:
            journey.cell(row=row_of(journey, L("emotion")), column=col, value=rng.randint(-2, 2))
    assert journey.cell(row=stages, column=7).value  # six stages are there to fill

    propositions = role(wb, "value_propositions")
    at(propositions, L("id"), 4).value = "v1"
    at(propositions, L("name"), 4).value = text(3)
    at(propositions, L("description"), 4).value = text(12)
    at(propositions, vocab_label("value_types", "functional", lang), 4).value = text(6)
    value_map = role(wb, "value_map")
    value_map.cell(row=4, column=1, value="v1")
    value_map.cell(row=4, column=3, value="●")  # serves s1

    channels = role(wb, "channels")
    at(channels, L("id"), 4).value = "c1"
    at(channels, L("name"), 4).value = text(2)
    at(channels, L("category"), 4).value = vocab_label("channel_categories", "physical", lang)
    at(channels, vocab_label("channel_phases", "awareness", lang), 4).value = "●"
    at(channels, "s1", 4).value = 3

    relationships = role(wb, "relationships")
    at(relationships, L("segment"), 4).value = typed
    at(relationships, L("type"), 4).value = vocab_label("relationship_types", "personal_assistance", lang)
    at(relationships, L("description"), 4).value = text(8)

    funnel = role(wb, "funnel")
    for row, count in zip(range(4, 9), sorted((rng.randint(5, 900) for _ in range(5)), reverse=True)):
        funnel.cell(row=row, column=2, value=count)
    below(funnel, L("techniques")).value = text(4)

    competitors = role(wb, "competitors")
    at(competitors, L("name"), 4).value = text(2)
    at(competitors, L("segment"), 4).value = typed
    at(competitors, L("share"), 4).value = rng.randint(5, 40)

    others = role(wb, "other_blocks")
    for row, block in enumerate(("key_partners", "key_activities", "key_resources", "revenue_streams",
                                 "cost_structure"), start=4):
        others.cell(row=row, column=1, value=L(block))
        others.cell(row=row, column=2, value=text(3))
    if student.stray:
        segments.cell(row=2, column=9, value=text(4))  # beside the table, where nothing is read
