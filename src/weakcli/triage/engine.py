"""The triage engine: plain Python, no I/O.

A session is an immutable `State` (the answers given, in order, and facts known without
asking: age, sex, HPO terms). `answer()` returns a new state; `assess()` ranks the causes with
naive Bayes over the findings the answers set; `next_question()` runs the warning-sign screen
first, then asks the question with the largest expected information gain.

The model, in short:
- each finding is one clinical feature; findings that share an attribute (onset, the weakness
  pattern) exclude each other, and a finding may imply another ("back pain" implies "pain"),
  so "no pain" rules out "back pain" without asking;
- red flags are rules over findings (all / any / not), evaluated with three values (holds,
  fails, not yet known) over the evidence from any input; the screen asks only questions that
  can still decide a rule, the one that bears on most open rules first;
- each cause has a prior from its prevalence band, its spread over age bands and between the
  sexes; "none of these fits well" is one more outcome whose findings all occur at their
  background rate, so a problem outside the knowledge base is not forced onto one inside it;
- a finding linked to a cause occurs with its frequency band's probability, any other finding
  with its background rate, so unrelated findings are neutral; "don't know" sets nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from weakcli.errors import InputError
from weakcli.kb.vocab import (
    AGE_BAND_FINDINGS,
    AGE_GROUPS,
    AGE_SHARE_WEIGHT,
    EMERGENCY_LEVELS,
    FREQUENCY_PROBABILITY,
    PREVALENCE_WEIGHT,
    SEX_SHARE_WEIGHT,
    URGENCIES,
    Urgency,
)

YES: Final = "yes"
NO: Final = "no"
UNKNOWN: Final = "unknown"
NONE_OF_THESE: Final = "none"
NOT_HAD: Final = "not_had"
"""The answer to a test question from a person who has not had that test."""
NONE_FITS: Final = "none_fits"
NONE_FITS_SHARE: Final = 0.1
"""Prior probability that the problem has a cause the knowledge base does not hold."""
MAX_QUESTIONS: Final = 25
"""Questions asked at most, the warning-sign screen included."""
CLEAR_LEAD: Final = 0.85
"""Stop when one cause has at least this probability."""
MIN_GAIN: Final = 0.08
"""Stop when no question is expected to reduce uncertainty by this many bits."""
SOFT_CAP: Final = 15
"""After this many questions, ask only one that is expected to tell a lot (LATE_GAIN)."""
LATE_GAIN: Final = 0.25
NEGLIGIBLE: Final = 1.25
"""A finding whose likelihood ratio is within 1/1.25..1.25 is too weak to be named as a reason."""
KNOWS_TEST_RESULT: Final = 0.35
"""How likely a person is to know a test's result: a test question's expected gain is weighed
by it, so questions about what a person notices come before questions about tests."""
FOLLOW_UP: Final = 0.5
"""How much of its best follow-up's gain a question that opens others (had tests? attacks?)
is worth."""
LIKELY: Final = 0.25
"""A cause at least this probable contributes its own urgency."""
EMERGENCY_LIKELY: Final = 0.1
"""An emergency-level cause contributes its urgency from this probability: chosen on the
benchmark (bench/accuracy.py) as the highest threshold that keeps emergency recall at 100%."""
AGE_BAND_SHARE: Final = 0.25
"""Every age band's share of the people the priors are set against: neutral on purpose."""

if TYPE_CHECKING:
    from weakcli.kb.records import CauseRecord, QuestionRecord, RuleRecord
    from weakcli.kb.store import KB

QuestionKind = Literal["age", "yes_no", "choice", "which"]
AGE: Final = "age"
SEX: Final = "sex"
INTAKE: Final = (AGE, SEX)
"""The questions every session starts with: facts that set the priors and the gating."""
COMPLAINT: Final = "complaint"
"""The knowledge base's question about what the problem is (weakness, pain, ...): asked right
after the first warning-sign question, since it decides which questions apply."""
MAX_AGE: Final = 120


class Question(NamedTuple):
    """A question as the engine asks it: yes/no, a choice of one value, or 'which of these'."""

    id: str
    kind: QuestionKind
    text: str
    why: str
    topic: str
    choices: tuple[tuple[str, str], ...]
    """(value, label) pairs, 'don't know' last. For 'which of these': one per finding, then
    'none of these' and 'don't know'; an answer may name several findings."""
    effects: tuple[tuple[str, frozenset[str], frozenset[str]], ...]
    """(value, findings present, findings absent) for each single answer other than
    'don't know' (and other than 'I have not had this test')."""
    findings: tuple[str, ...]
    """Every finding the question can set."""
    test: str | None = None


class State(NamedTuple):
    """The answers given so far, in the order given. Never changed: every step makes a new one."""

    answers: tuple[tuple[str, str], ...] = ()
    facts: tuple[tuple[str, bool], ...] = ()
    """Findings known without asking (age, sex, HPO terms): (finding id, present)."""

    def value(self, question_id: str) -> str | None:
        for asked, value in self.answers:
            if asked == question_id:
                return value
        return None

    @property
    def asked(self) -> frozenset[str]:
        return frozenset(question_id for question_id, _ in self.answers)


class Reason(NamedTuple):
    """One finding's weight for or against a cause: a likelihood ratio."""

    finding: str
    label: str
    present: bool
    ratio: float


class RankedCause(NamedTuple):
    id: str
    probability: float
    reasons_for: tuple[Reason, ...]
    reasons_against: tuple[Reason, ...]


class UrgencyReason(NamedTuple):
    level: Urgency
    source: Literal["red_flag", "cause", "default"]
    id: str
    text: str


class Assessment(NamedTuple):
    causes: tuple[RankedCause, ...]
    """Every cause, most probable first (ties broken by id, so results are deterministic)."""
    none_fits: float
    urgency: Urgency
    urgency_reasons: tuple[UrgencyReason, ...]
    red_flags: tuple[str, ...]
    """Red flags whose rules hold, most urgent first."""
    evidence: dict[str, bool]


class Rule(NamedTuple):
    all: tuple[str, ...]
    any: tuple[str, ...]
    not_: tuple[str, ...]
    findings: tuple[str, ...]
    """all, any and not together: read on every step, so made once."""

    @classmethod
    def of(cls, record: RuleRecord) -> Rule:
        parts = (tuple(record["all"]), tuple(record["any"]), tuple(record["not"]))
        return cls(*parts, (*parts[0], *parts[1], *parts[2]))

    def holds(self, found: Mapping[str, bool]) -> bool | None:
        """True or False once the evidence decides the rule, None while it may go either way.

        A `not` finding that is still unknown keeps the rule open, so that the screen asks it
        before a warning is shown; once asked and still unknown, `evidence` counts it absent,
        so for safety the warning is raised unless the exception is known to apply."""
        values = [found.get(f) for f in self.all]
        exceptions = [found.get(f) for f in self.not_]
        if False in values or True in exceptions:
            return False
        some = [found.get(f) for f in self.any]
        if self.any and True not in some and None not in some:
            return False
        if None in values or None in exceptions or (self.any and True not in some):
            return None
        return True


def _intake() -> dict[str, Question]:
    age = Question(
        id=AGE,
        kind="age",
        text="How old are you? (If you are answering for someone else, give their age.)",
        why="Many causes belong to certain ages: some to children, others to older people. "
        "The age also decides which questions are worth asking.",
        topic="about you",
        choices=((UNKNOWN, "Prefer not to say"),),
        effects=(),
        findings=tuple(AGE_BAND_FINDINGS.values()),
    )
    sex = Question(
        id=SEX,
        kind="choice",
        text="What sex were you assigned at birth?",
        why="Some causes are much more common in one sex, and a few questions (such as one "
        "about pregnancy) apply to one sex only.",
        topic="about you",
        choices=(("female", "Female"), ("male", "Male"), (UNKNOWN, "Prefer not to say")),
        effects=(
            ("female", frozenset({"sex_female"}), frozenset({"sex_male"})),
            ("male", frozenset({"sex_male"}), frozenset({"sex_female"})),
        ),
        findings=("sex_female", "sex_male"),
    )
    return {AGE: age, SEX: sex}


class Model:
    """The knowledge base compiled for fast updates: built once per process."""

    def __init__(self, kb: KB) -> None:
        self.kb = kb
        self.questions: dict[str, Question] = dict(_intake())
        self.order: list[str] = []
        """Question ids in knowledge-base order: ties go to the earlier one."""
        self.ask_if: dict[str, Rule] = {}
        self.follow_ups: dict[str, list[str]] = {}
        """Finding id -> questions asked only once it is present."""
        self.about_tests: set[str] = set()
        self.flags: list[tuple[str, tuple[Rule, ...]]] = []
        """Red flags most urgent first, with their rules."""
        self.asks: dict[str, list[str]] = {}
        """Finding id -> the questions that can set it."""
        self.siblings: dict[str, tuple[str, ...]] = {}
        """Finding id -> the other values of its attribute."""
        self.implies: dict[str, tuple[str, ...]] = {}
        self.implied_by: dict[str, list[str]] = {}
        self.demographic: set[str] = set()
        self.cause_ids: list[str] = []
        self.log_prior: list[float] = []
        self.age_factor: dict[str, list[float]] = {}
        """Age-band finding -> log factor for each cause."""
        self.sex_factor: dict[str, list[float]] = {}
        self.background: dict[str, float] = {}
        self.links: dict[str, list[tuple[int, float]]] = {}
        """finding id -> [(cause index, P(finding | cause))] for the causes that name it."""
        groups: dict[str, list[str]] = {}
        for finding in kb.findings.values():
            finding_id = finding["id"]
            self.background[finding_id] = FREQUENCY_PROBABILITY[finding["background"]]
            if finding["attribute"] is not None:
                groups.setdefault(finding["attribute"], []).append(finding_id)
            self.implies[finding_id] = tuple(finding["implies"])
            for implied in finding["implies"]:
                self.implied_by.setdefault(implied, []).append(finding_id)
            if finding["kind"] == "demographic":
                self.demographic.add(finding_id)
        for members in groups.values():
            for member in members:
                self.siblings[member] = tuple(m for m in members if m != member)
        for record in kb.questions.values():
            question = self.questions[record["id"]] = _question(record, kb)
            self.order.append(record["id"])
            for finding_id in question.findings:
                self.asks.setdefault(finding_id, []).append(record["id"])
            if record["ask_if"] is not None:
                rule = self.ask_if[record["id"]] = Rule.of(record["ask_if"])
                for finding_id in rule.all:
                    if finding_id not in self.demographic:
                        self.follow_ups.setdefault(finding_id, []).append(record["id"])
            if record["test"] is not None:
                self.about_tests.add(record["id"])
        for flag in sorted(kb.red_flags.values(), key=lambda f: URGENCIES.index(f["urgency"])):
            self.flags.append((flag["id"], tuple(Rule.of(rule) for rule in flag["rules"])))
        self._add_typical_combinations(kb)
        self.plans: dict[str, Plan] = {}
        """Each question's answers made ready for the gain, made once when compiled."""
        in_rules = {f for _, rules in self.flags for rule in rules for f in rule.findings}
        conditions = {
            f for _, rules in self.flags for rule in rules for f in (*rule.all, *rule.any)
        }
        self.exceptions = (
            frozenset(f for _, rules in self.flags for rule in rules for f in rule.not_)
            - conditions
        )
        """Findings that only ever stop a red-flag rule (a slow onset): unknown after being
        asked, they count as absent for the warning signs."""
        self.interview_ids = frozenset(
            q for q in self.order if not in_rules & set(self.questions[q].findings)
        )
        """Questions that no red-flag rule needs: asked only after the screen."""
        weights = [PREVALENCE_WEIGHT[cause["prevalence"]] for cause in kb.causes.values()]
        total = sum(weights)
        for index, cause in enumerate(kb.causes.values()):
            self.cause_ids.append(cause["id"])
            self.log_prior.append(math.log((1 - NONE_FITS_SHARE) * weights[index] / total))
            for link in (*cause["findings_for"], *cause["findings_against"]):
                probability = FREQUENCY_PROBABILITY[link["frequency"]]
                self.links.setdefault(link["finding"], []).append((index, probability))
            ages = {band: AGE_SHARE_WEIGHT[share] for band, share in cause["people"]["age"].items()}
            whole = sum(ages.values())
            for band, finding_id in AGE_BAND_FINDINGS.items():
                share = ages.get(band, 0.0) / whole
                self.age_factor.setdefault(finding_id, []).append(
                    math.log(max(share, 1e-6) / AGE_BAND_SHARE)
                )
            sexes = {sex: SEX_SHARE_WEIGHT[share] for sex, share in cause["people"]["sex"].items()}
            for sex in ("female", "male"):
                sexes.setdefault(sex, 1.0)
            whole = sum(sexes.values())
            for sex, weight in sexes.items():
                self.sex_factor.setdefault(f"sex_{sex}", []).append(math.log(weight / whole / 0.5))
        self.ratios: dict[bool, dict[str, list[tuple[int, float]]]] = {True: {}, False: {}}
        """present -> finding id -> [(cause index, likelihood ratio)]: precomputed for speed."""
        self.log_ratios: dict[bool, dict[str, list[tuple[int, float]]]] = {True: {}, False: {}}
        for finding_id, linked in self.links.items():
            background = self.background.get(finding_id)
            if background is None:
                continue
            for present in (True, False):
                self.ratios[present][finding_id] = [
                    (index, likelihood_ratio(probability, background, present))
                    for index, probability in linked
                ]
                self.log_ratios[present][finding_id] = [
                    (index, math.log(ratio)) for index, ratio in self.ratios[present][finding_id]
                ]
        for question_id in self.order:  # once here, so that no step pays for it
            _plan(self, self.questions[question_id])

    def _add_typical_combinations(self, kb: KB) -> None:
        """Give each 'which of these' list, besides 'none' and each single option, the options
        a cause typically brings together (hypothyroidism: cold, weight gain, dry skin), so that
        the expected gain of a list counts the answers people with each cause give."""
        typical = ("obligate", "very_frequent", "frequent")
        for question_id, question in list(self.questions.items()):
            if question.kind != "which":
                continue
            offered = question.findings
            everything = frozenset(offered)
            seen = {present for _, present, _ in question.effects}
            extra = []
            for cause in kb.causes.values():
                combo = frozenset(
                    link["finding"]
                    for link in cause["findings_for"]
                    if link["finding"] in everything and link["frequency"] in typical
                )
                if len(combo) >= 2 and combo not in seen:
                    seen.add(combo)
                    value = ",".join(f for f in offered if f in combo)
                    extra.append((value, combo, everything - combo))
            if extra:
                self.questions[question_id] = question._replace(effects=(*question.effects, *extra))


def compile_model(kb: KB) -> Model:
    return Model(kb)


def _question(record: QuestionRecord, kb: KB) -> Question:
    common = {"id": record["id"], "text": record["text"], "why": record["why"]}
    topic = record["topic"]
    if record["finding"] is not None:
        finding = record["finding"]
        return Question(
            **common,
            kind="yes_no",
            topic=topic,
            choices=((YES, "Yes"), (NO, "No"), (UNKNOWN, "Don't know")),
            effects=(
                (YES, frozenset({finding}), frozenset()),
                (NO, frozenset(), frozenset({finding})),
            ),
            findings=(finding,),
        )
    if record["any_of"]:
        offered = tuple(record["any_of"])
        everything = frozenset(offered)
        return Question(
            **common,
            kind="which",
            topic=topic,
            choices=(
                *((f, kb.findings[f]["label"]) for f in offered),
                (NONE_OF_THESE, "None of these"),
                (UNKNOWN, "Don't know"),
            ),
            effects=(
                (NONE_OF_THESE, frozenset(), everything),
                *((f, frozenset({f}), everything - {f}) for f in offered),
            ),
            findings=offered,
        )
    everything = frozenset(o["finding"] for o in record["options"] if o["finding"])
    effects = tuple(
        (
            option["id"],
            frozenset({option["finding"]}) if option["finding"] else frozenset(),
            everything - {option["finding"]},
        )
        for option in record["options"]
    )
    choices = tuple((option["id"], option["label"]) for option in record["options"])
    if record["test"] is not None:
        choices = (*choices, (NOT_HAD, "I have not had this test"))
    return Question(
        **common,
        kind="choice",
        topic=topic,
        choices=(*choices, (UNKNOWN, "Don't know")),
        effects=effects,
        findings=tuple(o["finding"] for o in record["options"] if o["finding"]),
        test=record["test"],
    )


def chosen(question: Question, value: str) -> tuple[str, ...] | None:
    """The findings a 'which of these' answer names ('a,b'), or None if it is not one."""
    if question.kind != "which" or value in (NONE_OF_THESE, UNKNOWN):
        return None
    parts = tuple(dict.fromkeys(part for part in value.split(",") if part))
    return parts if parts and all(part in question.findings for part in parts) else None


def answer_label(question: Question, value: str) -> str:
    """An answer in words: the chosen option's label, or the chosen findings joined by '; '."""
    if question.kind == "age" and value != UNKNOWN:
        return f"{value} years"
    labels = dict(question.choices)
    picked = chosen(question, value)
    if picked is not None:
        return "; ".join(labels[f] for f in picked)
    return labels.get(value, value)


def answer(model: Model, state: State, question_id: str, value: str) -> State:
    """The state after answering `question_id` with `value` (an earlier answer is replaced).

    A 'which of these' question takes one finding id, several joined by commas, 'none' or
    'unknown'."""
    question = model.questions.get(question_id)
    if question is None:
        raise InputError(f"unknown question '{question_id}'")
    allowed = [choice for choice, _ in question.choices]
    picked = chosen(question, value)
    if question.kind == "age" and value != UNKNOWN:
        years = years_of(value)
        if years is None:
            raise InputError(
                f"'{value}' is not an age: give the age in years, from 0 to {MAX_AGE} "
                "(0.5 for six months), or 'unknown'"
            )
        value = f"{years:g}"
    elif picked is not None:
        value = ",".join(f for f in question.findings if f in picked)
    elif value not in allowed:
        raise InputError(
            f"'{value}' is not an answer to '{question_id}' (choose one of: {', '.join(allowed)})"
        )
    kept = tuple(pair for pair in state.answers if pair[0] != question_id)
    return State((*kept, (question_id, value)), state.facts)


def years_of(text: str) -> float | None:
    """An age in years from text such as '45' or '0.5', or None if it is not one."""
    try:
        years = float(text)
    except ValueError:
        return None
    return years if 0 <= years <= MAX_AGE and math.isfinite(years) else None


def take_back(state: State) -> State:
    """The state before the last answer."""
    return State(state.answers[:-1], state.facts)


def with_facts(state: State, facts: Iterable[tuple[str, bool]]) -> State:
    """The state with findings known without asking; answers given later take precedence."""
    return State(state.answers, (*state.facts, *facts))


def demographics(age: float | None, sex: str | None) -> list[tuple[str, bool]]:
    """The demographic facts of a person's age (years) and sex ('female' or 'male')."""
    facts: list[tuple[str, bool]] = []
    if age is not None:
        facts += [(finding, start <= age < end) for finding, start, end in AGE_GROUPS]
        facts.append(("age_50_plus", age >= 50))
        facts.append(("childbearing_age", 12 <= age < 60))
    if sex in ("female", "male"):
        facts += [("sex_female", sex == "female"), ("sex_male", sex == "male")]
    return facts


def stated(model: Model, state: State) -> dict[str, bool]:
    """What the answers and facts say directly, with an attribute's other values absent once
    one is present and implied findings present; later answers win over earlier ones."""
    found: dict[str, bool] = dict(state.facts)
    for question_id, value in state.answers:
        question = model.questions.get(question_id)
        if question is None:
            continue
        if question.kind == "age":
            years = years_of(value)
            if years is not None:
                found.update(demographics(years, None))
            continue
        picked = chosen(question, value)
        if picked is not None:
            found.update(dict.fromkeys(question.findings, False))
            found.update(dict.fromkeys(picked, True))
            continue
        for choice, present, absent in question.effects:
            if choice == value:
                found.update(dict.fromkeys(absent, False))
                found.update(dict.fromkeys(present, True))
    for finding_id, is_present in list(found.items()):
        if is_present:
            for sibling in model.siblings.get(finding_id, ()):
                found.setdefault(sibling, False)
    pending = [f for f, is_present in found.items() if is_present]
    while pending:
        for implied in model.implies.get(pending.pop(), ()):
            if implied not in found and implied not in model.demographic:
                found[implied] = True  # what is known is never overruled
                pending.append(implied)
    return found


def evidence(model: Model, state: State) -> dict[str, bool]:
    """Everything known: what is stated, and the findings ruled out because something they
    imply is absent ("no pain" rules out "back pain"). Red flags and the screen use this.

    An exception of a red-flag rule (a `not` finding) that was asked and is still unknown
    counts as absent here: a warning sign is not held back by a "don't know"."""
    return _known(model, state, stated(model, state))


def _known(model: Model, state: State, said: Mapping[str, bool]) -> dict[str, bool]:
    found = _ruled_out(model, said)
    asked = state.asked
    for finding_id in model.exceptions:
        if finding_id not in found and any(q in asked for q in model.asks.get(finding_id, ())):
            found[finding_id] = False
    return found


def _ruled_out(model: Model, said: Mapping[str, bool]) -> dict[str, bool]:
    found = dict(said)
    pending = [f for f, present in found.items() if not present]
    while pending:
        for implier in model.implied_by.get(pending.pop(), ()):
            if implier not in found:
                found[implier] = False
                pending.append(implier)
    return found


def _chance(probability: float, present: bool) -> float:
    """P(finding is as observed), given P(finding present)."""
    return probability if present else 1 - probability


def likelihood_ratio(probability: float, background: float, present: bool) -> float:
    """How much more likely the observation is with the cause than at the background rate."""
    return _chance(probability, present) / _chance(background, present)


def _log_scores(model: Model, found: Mapping[str, bool]) -> tuple[list[float], float]:
    """Log posterior weight (unnormalised) of each cause, and of 'none fits'.

    Every outcome shares the background term of each finding, so only a cause's own links
    move its score; 'none fits' keeps its prior. Age band and sex adjust each cause's prior.
    """
    scores = list(model.log_prior)
    for finding, present in found.items():
        if present and (factors := model.age_factor.get(finding) or model.sex_factor.get(finding)):
            scores = [score + factor for score, factor in zip(scores, factors, strict=True)]
            continue
        if finding in model.demographic:
            continue
        for index, log_ratio in model.log_ratios[present].get(finding, ()):
            scores[index] += log_ratio
    return scores, math.log(NONE_FITS_SHARE)


def _normalise(scores: Sequence[float], none_fits: float) -> tuple[list[float], float]:
    top = max(*scores, none_fits) if scores else none_fits
    weights = [math.exp(score - top) for score in scores]
    none_weight = math.exp(none_fits - top)
    total = sum(weights) + none_weight
    return [weight / total for weight in weights], none_weight / total


def _posterior(model: Model, found: Mapping[str, bool]) -> tuple[list[float], float]:
    return _normalise(*_log_scores(model, found))


def probabilities(model: Model, state: State) -> tuple[list[float], float]:
    """P(cause) for every cause (in knowledge-base order) and P(none fits); they sum to 1."""
    return _posterior(model, stated(model, state))


def assess(model: Model, state: State) -> Assessment:
    kb = model.kb
    scored = stated(model, state)
    found = evidence(model, state)
    posterior, none_fits = _posterior(model, scored)
    ranked: list[RankedCause] = []
    for index, cause_id in enumerate(model.cause_ids):
        reasons = _reasons(model, kb.causes[cause_id], scored)
        ranked.append(
            RankedCause(
                id=cause_id,
                probability=posterior[index],
                reasons_for=tuple(r for r in reasons if r.ratio >= NEGLIGIBLE),
                reasons_against=tuple(r for r in reasons if r.ratio <= 1 / NEGLIGIBLE),
            )
        )
    ranked.sort(key=lambda cause: (-cause.probability, cause.id))
    raised = raised_flags(model, found)
    level, why = _urgency(model, raised, ranked, none_fits)
    return Assessment(tuple(ranked), none_fits, level, why, tuple(raised), found)


def raised_flags(model: Model, found: Mapping[str, bool]) -> list[str]:
    """Red flags with a rule that holds, most urgent first (from answers or from the input)."""
    return [flag_id for flag_id, rules in model.flags if any(rule.holds(found) for rule in rules)]


def open_flags(model: Model, found: Mapping[str, bool]) -> list[str]:
    """Red flags not raised whose rules the evidence does not yet decide."""
    return [
        flag_id
        for flag_id, rules in model.flags
        if not any(rule.holds(found) for rule in rules)
        and any(rule.holds(found) is None for rule in rules)
    ]


def _reasons(model: Model, cause: CauseRecord, found: Mapping[str, bool]) -> list[Reason]:
    reasons = []
    for link in (*cause["findings_for"], *cause["findings_against"]):
        finding = link["finding"]
        if finding not in found or finding in model.demographic:
            continue
        present = found[finding]
        ratio = likelihood_ratio(
            FREQUENCY_PROBABILITY[link["frequency"]], model.background[finding], present
        )
        label = model.kb.findings[finding]["label"]
        reasons.append(Reason(finding, label, present, ratio))
    reasons.sort(key=lambda r: (-abs(math.log(r.ratio)), r.finding))
    return reasons


def _urgency(
    model: Model, raised: Iterable[str], ranked: Sequence[RankedCause], none_fits: float
) -> tuple[Urgency, tuple[UrgencyReason, ...]]:
    """The most urgent of the raised red flags and the likely causes' own urgency.

    A red flag's level can only be matched or raised by the ranking, never lowered. A cause
    whose own level is an emergency counts from EMERGENCY_LIKELY, any other from LIKELY.
    """
    kb = model.kb
    reasons: list[UrgencyReason] = []
    for flag_id in raised:
        flag = kb.red_flags[flag_id]
        reasons.append(UrgencyReason(flag["urgency"], "red_flag", flag_id, flag["action"]))
    for cause in ranked:
        if cause.probability < EMERGENCY_LIKELY:
            break
        record = kb.causes[cause.id]
        if cause.probability >= LIKELY or record["urgency"] in EMERGENCY_LEVELS:
            reasons.append(UrgencyReason(record["urgency"], "cause", cause.id, record["seek_care"]))
    if not reasons:
        reasons.append(
            UrgencyReason(
                "consultation",
                "default",
                NONE_FITS if none_fits >= LIKELY else "unexplained",
                "If no warning sign applies, a problem without a clear cause is worth a "
                "doctor's appointment, to find out what is behind it.",
            )
        )
    reasons.sort(key=lambda r: URGENCIES.index(r.level))
    return reasons[0].level, tuple(reasons)


def entropy(values: Iterable[float]) -> float:
    return -sum(p * math.log2(p) for p in values if p > 0)


def expected_gain(model: Model, state: State, question: Question) -> float:
    """Expected reduction of uncertainty (bits) over causes + 'none fits' from asking.

    Only the causes that name one of the question's findings change with its answer, so the
    entropy after each answer is computed from sums over those causes alone: a step costs the
    number of links, not the number of causes.
    """
    found = stated(model, state)
    posterior, none_fits = _posterior(model, found)
    return _gain(model, found, [*posterior, none_fits], question)


Plan = tuple[
    tuple[
        frozenset[str],
        frozenset[str],
        tuple[tuple[str, float, tuple[tuple[int, float], ...]], ...],
    ],
    ...,
]
"""For each answer of a question: the findings it sets present and absent, and each finding it
makes known with P(as observed) at the background rate and the causes' likelihood ratios."""


def _plan(model: Model, question: Question) -> Plan:
    plan = model.plans.get(question.id)
    if plan is None:
        steps = []
        for _, present, absent in question.effects:
            observed = tuple(
                (
                    finding,
                    _chance(model.background[finding], is_present),
                    tuple(model.ratios[is_present].get(finding, ())),
                )
                for finding, is_present in _observed(model, present, absent).items()
                if finding in model.background and finding not in model.demographic
            )
            steps.append((present, absent, observed))
        plan = model.plans[question.id] = tuple(steps)
    return plan


def _gain(
    model: Model,
    found: Mapping[str, bool],
    current: list[float],
    question: Question,
    s2_all: float | None = None,
    plogp: Sequence[float] | None = None,
) -> float:
    """Expected gain of `question`; `s2_all` (the sum of p log2 p over `current`) and `plogp`
    (each p log2 p) may be given when many questions are weighed against the same
    probabilities."""
    log2 = math.log2
    if plogp is None:
        plogp = [p * log2(p) if p > 0 else 0.0 for p in current]
    if s2_all is None:
        s2_all = sum(plogp)
    before = -s2_all
    outcomes: list[tuple[float, float]] = []  # (unnormalised P(answer), entropy after)
    for present, absent, observed in _plan(model, question):
        if any(found.get(f) is False for f in present) or any(found.get(f) for f in absent):
            continue  # an answer that contradicts what is known adds nothing to expect
        base = 1.0
        ratios: dict[int, float] = {}
        for finding, chance, linked in observed:
            if finding in found:
                continue  # already known: no change
            base *= chance
            for index, ratio in linked:
                ratios[index] = ratios.get(index, 1.0) * ratio
        linked_mass = 0.0
        z_rel = 1.0
        s2_linked = 0.0
        for i, r in ratios.items():
            p = current[i]
            linked_mass += p
            z_rel += p * (r - 1)
            s2_linked += plogp[i]
        if z_rel <= 0:
            continue
        k = 1 / z_rel  # q_c = p_c * r_c * k
        s1_unlinked = 1 - linked_mass
        s2_unlinked = s2_all - s2_linked
        entropy_after = 0.0
        if s1_unlinked > 0:
            entropy_after -= k * (s2_unlinked + s1_unlinked * log2(k))
        for i, r in ratios.items():
            q = current[i] * r * k
            if q > 0:
                entropy_after -= q * log2(q)
        outcomes.append((base * z_rel, entropy_after))
    mass = sum(p for p, _ in outcomes)
    if mass <= 0:
        return 0.0
    return before - sum(p / mass * h for p, h in outcomes)


def _observed(model: Model, present: frozenset[str], absent: frozenset[str]) -> dict[str, bool]:
    """What an answer makes known, as `stated` reads it: the findings it sets, their
    attribute's other values absent, and what they imply present."""
    found = dict.fromkeys(absent, False)
    found.update(dict.fromkeys(present, True))
    for finding in present:
        for sibling in model.siblings.get(finding, ()):
            found.setdefault(sibling, False)
    pending = list(present)
    while pending:
        for implied in model.implies.get(pending.pop(), ()):
            if implied not in found and implied not in model.demographic:
                found[implied] = True
                pending.append(implied)
    return found


class Progress(NamedTuple):
    asked: int
    remaining: int


def askable(model: Model, found: Mapping[str, bool], state: State, question_id: str) -> bool:
    """Not yet answered, something it asks about still unknown, and its condition met (an
    unknown age or sex does not hold a question back)."""
    if question_id in state.asked:
        return False
    question = model.questions[question_id]
    if all(f in found for f in question.findings):
        return False
    rule = model.ask_if.get(question_id)
    if rule is None:
        return True
    known = {
        f: found.get(f, f not in rule.not_)
        for f in rule.findings
        if f in found or f in model.demographic
    }
    return rule.holds(known) is True


def screen_question(model: Model, state: State, found: Mapping[str, bool]) -> str | None:
    """The next warning-sign question, or None when the screen is done: every rule holds,
    fails, or has nothing left to ask.

    A rule that something present has started and one answer could complete comes first, the
    most urgent flag's first (after a drooping face, 'how quickly did it come on?'); otherwise
    the question that bears on most open rules."""
    raised = set(raised_flags(model, found))
    score: dict[str, int] = {}
    for flag_id, rules in model.flags:
        if flag_id in raised:
            continue
        for rule in rules:
            if rule.holds(found) is not None:
                continue
            missing = [f for f in rule.all if f not in found]
            any_open = bool(rule.any) and not any(found.get(f) for f in rule.any)
            started = any(found.get(f) for f in rule.all) or (rule.any and not any_open)
            if started and len(missing) == 1 and not any_open:
                for question_id in model.asks.get(missing[0], ()):
                    if askable(model, found, state, question_id):
                        return question_id
            touched: set[str] = set()
            for finding_id in rule.findings:
                if finding_id not in found:
                    touched.update(model.asks.get(finding_id, ()))
            for question_id in touched:
                score[question_id] = score.get(question_id, 0) + 1
    best: str | None = None
    for question_id in model.order:
        if (
            question_id in score
            and askable(model, found, state, question_id)
            and (best is None or score[question_id] > score[best])
        ):
            best = question_id
    return best


def before_interview(model: Model, state: State, found: Mapping[str, bool]) -> str | None:
    """The next question before the interview proper: age and sex (unless known), then the
    warning-sign screen, with the complaint right after its first question; None once done."""
    for question_id in INTAKE:  # unless the facts (a phenopacket's, say) already give it
        if askable(model, found, state, question_id):
            return question_id
    screen = screen_question(model, state, found)
    if (
        screen is not None
        and COMPLAINT in model.questions
        and any(question_id not in INTAKE for question_id in state.asked)
        and askable(model, found, state, COMPLAINT)
    ):
        return COMPLAINT
    return screen


def next_question(model: Model, state: State) -> Question | None:
    """The warning-sign screen, then the most informative question, or None to stop."""
    if len(state.answers) >= MAX_QUESTIONS:
        return None
    scored = stated(model, state)
    found = _known(model, state, scored)
    first = before_interview(model, state, found)
    if first is not None:
        return model.questions[first]
    posterior, none_fits = _posterior(model, scored)
    if posterior and max(posterior) >= CLEAR_LEAD:
        return None
    current = [*posterior, none_fits]
    plogp = [p * math.log2(p) if p > 0 else 0.0 for p in current]
    s2_all = sum(plogp)
    gains: dict[str, float] = {}

    def gain_of(question_id: str) -> float:
        if question_id not in gains:
            question = model.questions[question_id]
            gain = _gain(model, scored, current, question, s2_all, plogp)
            if question_id in model.about_tests:
                gain *= KNOWS_TEST_RESULT
            gains[question_id] = gain
        return gains[question_id]

    best: Question | None = None
    best_gain = MIN_GAIN if len(state.answers) < SOFT_CAP else LATE_GAIN
    for question_id in model.order:
        if not askable(model, found, state, question_id):
            continue
        gain = gain_of(question_id)
        question = model.questions[question_id]
        for finding_id in question.findings:
            follow = [
                gain_of(q) for q in model.follow_ups.get(finding_id, ()) if q not in state.asked
            ]
            if follow:
                gain += FOLLOW_UP * max(follow)
        if gain > best_gain:
            best, best_gain = question, gain
    return best


def _quiet(question: Question) -> str:
    """The commonest answer to a screen question: weakness to the complaint (what most people
    who use weakcli have), otherwise none of these, no, or don't know."""
    if question.id == COMPLAINT and "has_weakness" in question.findings:
        return "has_weakness"
    return (
        NONE_OF_THESE if question.kind == "which" else NO if question.kind == "yes_no" else UNKNOWN
    )


def screen_left(model: Model, state: State) -> int:
    """How many screen questions are left for a person with no warning signs from here on:
    the screen played forward with 'none of these', 'no' and 'don't know'."""
    count = 0
    while count < MAX_QUESTIONS:
        question_id = before_interview(model, state, evidence(model, state))
        if question_id is None:
            break
        state = answer(model, state, question_id, _quiet(model.questions[question_id]))
        count += 1
    return count


def progress(model: Model, state: State) -> Progress:
    """Question number and about how many are left, this one included: the rest of the
    screen, then the questions an interview usually takes after it (TYPICAL_INTERVIEW),
    within the cap."""
    asked = len(state.answers)
    screen = screen_left(model, state)
    interview = sum(1 for q, _ in state.answers if q in model.interview_ids)
    rest = screen + max(1 if screen == 0 else 0, TYPICAL_INTERVIEW - interview)
    return Progress(asked + 1, max(1, min(MAX_QUESTIONS - asked, rest)))


TYPICAL_INTERVIEW: Final = 4
"""The usual number of questions after the screen (the mean on bench/accuracy.py's cases)."""
