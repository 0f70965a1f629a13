"""Hand-written news-like articles for tests: quotes, 'X said' and 'according to' constructions.

Written for this test suite about no real events. Paragraphs of one to three sentences and
varied lengths, so the segmenter and the embedder see inputs of different shapes.
"""

from __future__ import annotations


def _article(*paragraphs: str) -> str:
    return "\n".join(paragraphs) + "\n"


HARBOUR_STRIKE = _article(
    (
        "Dock workers in the port city of Valmera walked off the job on Monday, halting cargo"
        " traffic for the first time in eleven years. The strike was called after talks "
        "between the dockers' union and the port authority collapsed late on Sunday night, "
        "union officials said."
    ),
    (
        '"We have waited three years for a contract that pays for the hours we actually '
        "work,\" said Marta Ilves, who leads the union's local branch. The port authority said"
        " in a statement that its latest offer included a raise of four percent and new "
        "safety equipment. According to the regional chamber of commerce, each day of the "
        "stoppage costs local exporters about two million euros."
    ),
    (
        "Ships queued outside the harbour on Tuesday morning, and at least six container "
        'vessels were diverted to a port further south. "Nobody wants this to drag on, but we'
        ' will not sign a deal that cuts overtime pay," Ilves told reporters outside the '
        "gates."
    ),
    (
        "Transport Minister Jonas Keller said he would meet both sides on Wednesday and urged"
        " them to return to the table. Economists warned that a long strike could push up "
        "prices for fuel and grain in the region. The union said the walkout would continue "
        "until a new offer is put in writing."
    ),
)

CLINIC_VACCINES = _article(
    (
        "A rural health clinic in Northbrook County has run out of measles vaccine for the "
        "second time this year, its director said on Thursday."
    ),
    (
        "Dr. Aisha Rahman said the clinic had turned away more than forty families since the "
        "shipment failed to arrive last week."
    ),
    (
        '"Parents drive an hour to get here, and we have to send them home with nothing," '
        "Rahman said."
    ),
    (
        "State health officials said a distribution error had sent the clinic's order to a "
        "warehouse in another county."
    ),
    ("According to the state health department, the missing doses will be delivered by Monday."),
    (
        "Measles cases in the state have risen to 27 this year, up from four at the same "
        "point last year, according to department figures."
    ),
    (
        "The county's public health officer, Tom Brennan, said the shortage was "
        '"unacceptable" and called for a review of the ordering system.'
    ),
    (
        "Local pharmacies have offered to give the vaccine at no cost until the clinic's "
        "supply is restored."
    ),
)

BRIDGE_REPAIR = _article(
    (
        "The city council voted 7 to 2 on Tuesday night to close the Old Mill Bridge for "
        "eight months of repairs starting in March. Engineers who inspected the bridge in the"
        " autumn found corrosion in two of its main steel supports, the council said."
    ),
    (
        '"The bridge is safe today, but it will not stay safe without this work," said chief '
        "engineer Paolo Ferri. Business owners on the east bank said the closure would cut "
        'them off from most of their customers. "Eight months is a lifetime for a small '
        'shop," said bakery owner Linda Osei, who has run her store near the bridge since '
        "1998."
    ),
    (
        "Mayor Helen Park said the city would run a free shuttle bus across the river every "
        "fifteen minutes while the bridge is closed. According to the council's estimate, the"
        " repairs will cost 14 million dollars, most of it paid by a state grant. Council "
        "member Derek Walsh, who voted against the plan, said the work should be split into "
        "two shorter closures."
    ),
    (
        "Park rejected that idea, saying two closures would take longer and cost more. The "
        "council said detailed detour maps would be published next month. Traffic on the "
        "bridge has doubled since it last underwent major repairs in 1987, according to city "
        "records."
    ),
)

TECH_LAYOFFS = _article(
    (
        "Software maker Brightline Systems said on Wednesday it would cut 1,200 jobs, about a"
        " tenth of its workforce, as sales of its main product slowed."
    ),
    (
        'Chief executive Sandra Cole told employees in a memo that the company had "grown '
        'faster than our customers could follow."'
    ),
    ("The cuts will fall mostly on the sales and marketing teams, a company spokesman said."),
    "Brightline's shares rose six percent in early trading after the announcement.",
    (
        '"This is a company that hired for a boom that never came," said Ravi Menon, an '
        "analyst at Harwick Securities."
    ),
    (
        "According to the company, affected employees will receive four months of pay and "
        "help finding new work."
    ),
    (
        "Cole said Brightline would keep investing in its research division, which it sees as"
        " the key to future growth."
    ),
    (
        "Union representatives said they had not been consulted and would seek talks with "
        "management."
    ),
)

FLOOD_WARNING = _article(
    (
        "Forecasters issued a flood warning for the lower Tarn valley on Friday as heavy rain"
        " was expected to continue through the weekend. The national weather service said up "
        "to 120 millimetres of rain could fall in parts of the valley by Sunday evening. "
        '"Rivers are already high, and the ground cannot take much more water," said '
        "forecaster Elena Marsh."
    ),
    (
        "Officials in the town of Brisac opened two school gyms as shelters and asked "
        "residents of low-lying streets to prepare to leave. Fire chief Omar Haddad said "
        'crews had filled 5,000 sandbags since Thursday. "We would rather people leave a day '
        'too early than an hour too late," Haddad said.'
    ),
    (
        "According to local records, the last major flood in the valley, in 2009, damaged "
        "more than 300 homes. Farmers said they had moved livestock to higher fields, but "
        "feared for crops that were due to be harvested next week."
    ),
    (
        "The regional government said it had placed army engineers on standby. Marsh said the"
        " rain should ease on Monday, though river levels could keep rising for another day."
    ),
)

SCHOOL_LUNCH = _article(
    (
        "Students at Westfield High School will get free breakfast and lunch from next term, "
        "the school board announced on Monday."
    ),
    (
        "The board said the program would be paid for by a federal grant and savings from a "
        "new food supplier."
    ),
    '"No child should have to learn on an empty stomach," said board chair Gloria Mendes.',
    (
        "About 40 percent of Westfield's students already qualify for reduced-price meals, "
        "according to district data."
    ),
    (
        "Some parents questioned whether the quality of the food would suffer under the new "
        "supplier."
    ),
    (
        '"Free is good, but we want to know what our kids are actually eating," said parent '
        "Kevin Doyle."
    ),
    (
        "Mendes said menus would be posted online each week and that parents could visit the "
        "cafeteria."
    ),
    (
        "Principal Martin Ochoa said teachers had noticed that hungry students often "
        "struggled to focus in morning classes."
    ),
)

ELECTION_RECOUNT = _article(
    (
        "Election officials in Hollis County began a hand recount on Saturday after the race "
        "for state senate ended with a margin of just 112 votes. Candidate Miriam Stone, who "
        "trails by the narrow margin, requested the recount on Thursday."
    ),
    (
        '"Every vote deserves to be counted correctly, and that is all we are asking for," '
        "Stone said at a news conference. Her opponent, incumbent senator Paul Garner, said "
        'he was confident the result would stand. "The voters have spoken, and a recount will'
        ' only confirm what they said," Garner told supporters.'
    ),
    (
        "County clerk Janet Liu said about 60 volunteers from both parties would count "
        "ballots in pairs under camera. According to Liu, the recount should take about a "
        "week. State law requires a recount when the margin is less than half a percentage "
        "point, according to the secretary of state's office."
    ),
    (
        "Observers from a nonpartisan watchdog group said the first day went smoothly. Stone "
        "said she would accept the outcome of the recount, whatever it was."
    ),
)

MUSEUM_RETURN = _article(
    (
        "The National Museum of Dorvan said on Tuesday it would return 18 bronze statues to "
        "the country they were taken from more than a century ago. Museum director Hugo "
        "Lambert said the decision followed two years of research into how the statues had "
        'entered the collection. "We found clear evidence that they were taken without '
        'consent, and keeping them was no longer defensible," Lambert said.'
    ),
    (
        'Culture minister Ana Petrova welcomed the move, calling it "an act of respect that '
        'is long overdue." The statues will be shipped next spring and displayed in a new '
        "museum in the capital of their home country, officials said. According to the "
        "museum, the collection contains about 2,000 other objects whose origins are still "
        "being studied."
    ),
    (
        'Some historians said the museum had acted only after years of public pressure. "This'
        ' did not happen because of research alone," said historian Grace Nkemelu, who has '
        "campaigned for the return since 2015. Lambert said the museum would publish the full"
        " results of its research online."
    ),
)

ARTICLES: dict[str, str] = {
    "harbour_strike": HARBOUR_STRIKE,
    "clinic_vaccines": CLINIC_VACCINES,
    "bridge_repair": BRIDGE_REPAIR,
    "tech_layoffs": TECH_LAYOFFS,
    "flood_warning": FLOOD_WARNING,
    "school_lunch": SCHOOL_LUNCH,
    "election_recount": ELECTION_RECOUNT,
    "museum_return": MUSEUM_RETURN,
}
