"""Reading the customer (RUBRIC section 1): wants, anger, abuse, repeat contact, bad experience and facts."""

from __future__ import annotations

from makeitlast.engine.detectors import TextView
from makeitlast.model import CustomerReading, Fact


def extract_facts(view: TextView) -> tuple[Fact, ...]:
    return ()


def read_customer(view: TextView, earlier: tuple[TextView, ...] = ()) -> CustomerReading:
    return CustomerReading(facts=extract_facts(view))
