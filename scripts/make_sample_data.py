"""Generate the fictional San Mateo County sample directory, ``data/sample/resources.csv``.

Every agency, street address, phone number, email address and web site in the output is
invented for testing and demonstration. The region is real (San Mateo County, California,
with a few neighbours in San Francisco and in Palo Alto / Mountain View, Santa Clara County),
and so are the ZIP codes and the ZIP centroids the coordinates are jittered from.

The data lives in this file as two readable catalogues:

* :data:`KINDS`, the kinds of service a 211 directory lists (a food pantry, eviction
  defense, a crisis line...), each with its category codes, a few ways agencies word their
  descriptions, typical eligibility, hours, documents and how to apply;
* :data:`ORGANIZATIONS`, the fictional agencies, their sites, and which kinds of service
  they run at which sites, with whatever differs from the kind's defaults.

The output is deterministic: every random choice is made by a :class:`random.Random` seeded
from the fixed :data:`SEED` and the stable key of the record it is for, so the same catalogue
always gives the same bytes, and editing one agency does not reshuffle the others.

Regenerate with::

    .venv/bin/python scripts/make_sample_data.py            # writes data/sample/resources.csv
    .venv/bin/python scripts/make_sample_data.py --output /tmp/resources.csv
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import zipcodes

#: The fixed seed of every random choice.
SEED = 20261101

#: Where the sample directory is written by default.
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "data" / "sample" / "resources.csv"

#: The columns of the flat CSV format, in the order of the README table.
COLUMNS: tuple[str, ...] = (
    "id",
    "service_id",
    "organization_id",
    "location_id",
    "name",
    "organization",
    "description",
    "categories",
    "keywords",
    "status",
    "address",
    "city",
    "state",
    "postal_code",
    "latitude",
    "longitude",
    "phones",
    "email",
    "website",
    "hours",
    "languages",
    "min_age",
    "max_age",
    "genders",
    "populations",
    "income_limit_fpl",
    "eligibility",
    "cost",
    "fees",
    "service_area",
    "application_process",
    "required_documents",
    "accessibility",
    "last_verified",
)

# --------------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------------

#: County of each region key used by the organizations below.
REGION_COUNTY = {
    "smc": "San Mateo County",
    "sf": "San Francisco County",
    "scc": "Santa Clara County",
}

#: ZIP codes that make up each "nearby" service area, keyed by a site's ZIP code.
NEARBY_ZIPS = {
    "94014": ("94014", "94015", "94005"),
    "94015": ("94015", "94014", "94044"),
    "94005": ("94005", "94014", "94080"),
    "94080": ("94080", "94005", "94066"),
    "94066": ("94066", "94080", "94030"),
    "94044": ("94044", "94015"),
    "94030": ("94030", "94010", "94066"),
    "94010": ("94010", "94030", "94401"),
    "94401": ("94401", "94402", "94403", "94404"),
    "94402": ("94402", "94401", "94403"),
    "94403": ("94403", "94402", "94404", "94002"),
    "94404": ("94404", "94403", "94401"),
    "94002": ("94002", "94070", "94403"),
    "94070": ("94070", "94002", "94062"),
    "94061": ("94061", "94062", "94063"),
    "94062": ("94062", "94061", "94070"),
    "94063": ("94063", "94061", "94062", "94065"),
    "94065": ("94065", "94063", "94070"),
    "94025": ("94025", "94027", "94028", "94303"),
    "94303": ("94303", "94025"),
    "94019": ("94019", "94038", "94037", "94018"),
    "94060": ("94060", "94074", "94020", "94021"),
    "94110": ("94110", "94112", "94103"),
    "94112": ("94112", "94110", "94014"),
    "94124": ("94124", "94110"),
    "94103": ("94103", "94102", "94110"),
    "94301": ("94301", "94306", "94303"),
    "94306": ("94306", "94301"),
    "94040": ("94040", "94041", "94043"),
    "94041": ("94041", "94040", "94043"),
}

#: The Coastside, from Montara to Pescadero, as one service area.
COASTSIDE_AREA = "Half Moon Bay, CA; 94019; 94038; 94037; 94018; 94060; 94074; 94021; 94020"

#: Invented street names that sound like the Peninsula (numbers are invented too).
STREETS = (
    "Cormorant Way",
    "Tanoak St",
    "Harbor View Ave",
    "Sandpiper Ln",
    "Live Oak Ave",
    "Mariner Blvd",
    "Foghorn Ct",
    "Redwood Terrace",
    "Willet St",
    "Bayfront Pkwy",
    "Madrone Ave",
    "Cypress Bend Rd",
    "Pelican Point Dr",
    "Heron Marsh Rd",
    "Summit Ridge Ave",
    "Quarry Hill Rd",
    "Lupine Ave",
    "Pier Street",
    "Buckeye Ln",
    "Kelp Bed Rd",
    "Old County Rd",
    "Juniper Hollow Way",
    "Seabreeze Ave",
    "Larkspur Ct",
    "Orchard Crest Dr",
    "Meadowlark Ave",
    "Eucalyptus Row",
    "Canal Bank Rd",
    "Saltmarsh Ave",
    "Poplar Grove St",
    "Mission Bell Ave",
    "Fernhill Rd",
    "Stonepine Ln",
    "Dockside Way",
    "Blue Jay Ct",
    "Tamarack Ave",
)

#: Unit designators sometimes appended to a street address.
UNITS = ("Suite 100", "Suite 210", "Suite B", "Room 4", "Unit 3", "2nd Floor", "Building C")

#: Accessibility notes for a physical site, from the most to the least accessible.
SITE_ACCESSIBILITY = (
    "wheelchair accessible entrance; accessible restroom; elevator",
    "wheelchair accessible; ramp; accessible parking",
    "ground floor; accessible restroom; assistive listening device",
    "wheelchair accessible; elevator; large-print materials",
    "ramp at side entrance; accessible restroom",
    "step-free entrance; accessible parking; service animals welcome",
    "second floor, elevator available; accessible restroom",
    "two steps at entrance, portable ramp on request",
    "near bus stop; wheelchair accessible; braille signage",
)

#: Accessibility notes for a phone-only, online or mobile service.
REMOTE_ACCESSIBILITY = (
    "TTY and California Relay calls welcome",
    "text and chat available; TTY via 711",
    "screen-reader friendly website; TTY via 711",
    "video relay calls welcome; interpreters by phone",
    "wheelchair lift on vehicle",
)

#: Unambiguous taxonomy names, used in place of a code in some rows to exercise name lookup.
CATEGORY_NAMES = {
    "102-04": "Food Pantry",
    "102-05": "Free Meals",
    "103-03": "Help Pay for Housing",
    "103-02": "Help Find Housing",
    "104-02": "Clothing",
    "106-02": "Dental Care",
    "106-07": "Mental Care",
    "107-07": "Tax Preparation",
    "108-01": "Adoption & Foster Care",
    "109-04": "Preschool",
    "110-01": "Help Find Work",
    "111-02": "Mediation",
}

#: How a language code is written by organizations that spell out names.
LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "zh": "Chinese",
    "tl": "Tagalog",
    "vi": "Vietnamese",
    "ru": "Russian",
    "ar": "Arabic",
    "to": "Tongan",
    "sm": "Samoan",
    "hi": "Hindi",
}

# --------------------------------------------------------------------------------------------
# Kinds of service
# --------------------------------------------------------------------------------------------
#
# Each kind is a dict with these keys (only ``names``, ``categories`` and ``descriptions`` are
# required; an organization's service entry may override any of them):
#
# names          ways agencies name the service; one is chosen per organization
# categories     1-3 taxonomy codes from data/taxonomy.csv
# descriptions   ways agencies describe it; one is chosen per organization. ``{city}`` is the
#                site's city (or the area served), ``{org}`` the organization, ``{area}`` the
#                county or area served
# extras         optional detail sentences; one may be added to the chosen description
# keywords       words clients use (professional wording only, for the jargon-heavy kinds)
# hours          opening-hours options, in the varied formats admins type
# elig           min_age, max_age, genders, populations, income_limit_fpl and the text
# cost, fees     "free" (default), "sliding scale" or "fee", and the fee in words
# documents      what to bring
# apply          ways to apply; one is chosen per organization
# area           "county" (default), "city", "nearby" (the site's and neighbouring ZIPs),
#                "coast", "state", "national", or a literal service area
# remote         True for phone-only, online and mobile services, which have no address

SENIORS_60 = {
    "min_age": 60,
    "populations": ["seniors"],
    "text": "Adults age 60 and older",
}

KINDS: dict[str, dict[str, Any]] = {
    # ---- 101 Emergency -------------------------------------------------------------------
    "disaster_recovery": {
        "names": ["Disaster Recovery Assistance", "Fire and Flood Recovery Help"],
        "categories": ["101-01"],
        "descriptions": [
            "Helps households displaced by fire, flooding, storms or other disasters with "
            "emergency lodging, replacement of essential items and help filing aid claims.",
            "After a house fire or flood, volunteer caseworkers arrange a few nights in a "
            "hotel, replace lost medications and eyeglasses, and connect families to "
            "longer-term recovery help.",
        ],
        "keywords": ["fire", "flood", "disaster", "displaced", "evacuation", "lost my home"],
        "hours": ["24/7"],
        "documents": ["None required at first contact"],
        "apply": ["Call the response line at any hour; a volunteer will meet you on site."],
    },
    "emergency_cash": {
        "names": [
            "Emergency Financial Assistance",
            "Crisis Assistance Fund",
            "One-Time Emergency Grant",
        ],
        "categories": ["101-02", "107-02"],
        "descriptions": [
            "One-time grants for households hit by a sudden crisis, such as a job loss, a "
            "medical emergency or a car repair, that puts their housing or income at risk.",
            "Small emergency grants, usually paid straight to a landlord, utility or "
            "vendor, for {area} residents facing an unexpected bill they cannot cover.",
            "Limited emergency cash aid for low-income residents after a documented "
            "crisis. Funds are awarded first come, first served each month until they run out.",
        ],
        "extras": [
            "Caseworkers check eligibility for other programs at the same visit.",
            "Payments go to the landlord, utility or vendor, not to the client in cash.",
        ],
        "keywords": ["emergency money", "cash help", "one-time help", "crisis fund", "bills"],
        "hours": ["Mon-Fri 9am-5pm", "Mon-Thu 09:00-16:00", "Tue,Thu 10am-3pm"],
        "elig": {
            "income_limit_fpl": 200,
            "text": "Household income at or below 200% of the federal poverty level; "
            "one grant per household per year",
        },
        "documents": ["Photo ID", "Proof of income for the last 30 days", "The bill to be paid"],
        "apply": [
            "Call for a phone screening; approved applicants are usually paid within a week.",
            "Apply online or by phone; a caseworker calls back within two business days.",
        ],
    },
    "emergency_food_bag": {
        "names": ["Same-Day Emergency Food", "Emergency Food Bags"],
        "categories": ["101-03", "102-02"],
        "descriptions": [
            "Pre-packed bags with about three days of food for anyone who needs something "
            "to eat today. No paperwork on the first visit.",
            "Emergency groceries handed out the same day, including ready-to-eat items for "
            "people without a kitchen or a place to cook.",
        ],
        "keywords": ["hungry", "food today", "no food", "emergency groceries"],
        "hours": ["Mon-Fri 9am-5pm", "Mon-Fri 10:00-16:00; Sat 10:00-12:00"],
        "documents": ["None required"],
        "apply": ["Walk in and ask at the front desk."],
        "area": "nearby",
    },
    "emergency_shelter": {
        "names": ["Emergency Shelter", "Adult Emergency Shelter", "Overnight Shelter"],
        "categories": ["103-01", "101-04"],
        "descriptions": [
            "Overnight beds, showers, dinner and breakfast for adults experiencing "
            "homelessness. Beds are assigned nightly, and case managers help guests plan a "
            "move into housing.",
            "A low-barrier shelter where partners, pets and possessions are welcome. "
            "Guests can store belongings, do laundry and receive mail.",
            "Year-round shelter beds for single adults with meals, lockers and on-site "
            "case management; guests who keep working on a housing plan can stay up to 90 "
            "days.",
        ],
        "extras": [
            "A nurse visits weekly, and meals accommodate special diets.",
            "Guests keep the same bed while they work on a housing plan.",
        ],
        "keywords": ["homeless", "place to sleep", "bed tonight", "shelter", "nowhere to stay"],
        "hours": ["Mon-Sun 19:00-07:00", "Daily 6pm-8am"],
        "elig": {
            "min_age": 18,
            "populations": ["homeless"],
            "text": "Adults 18 and older experiencing homelessness",
        },
        "documents": ["No ID required"],
        "apply": [
            "Call the bed line after 3pm for same-night availability, or come to intake at 6pm.",
            "Referral through the county's coordinated entry line or walk in at check-in time.",
        ],
    },
    "mens_shelter": {
        "names": ["Men's Shelter", "Men's Overnight Program"],
        "categories": ["103-01", "101-04"],
        "descriptions": [
            "Shelter for single men with a bed, hot dinner, showers and a locker. "
            "Employment counselors visit twice a week.",
            "A 60-bed shelter for adult men experiencing homelessness, with meals, laundry "
            "and help getting an ID, benefits and a job.",
        ],
        "keywords": ["homeless", "men", "bed", "shelter", "place to sleep"],
        "hours": ["Mon-Sun 19:00-07:00", "Daily 5:30pm-7:30am"],
        "elig": {
            "min_age": 18,
            "genders": ["male"],
            "populations": ["homeless"],
            "text": "Men 18 and older experiencing homelessness",
        },
        "documents": ["No ID required; bring any medications you take"],
        "apply": ["Walk in at 5pm for the nightly bed lottery, or call the bed line."],
    },
    "womens_shelter": {
        "names": ["Women's Shelter", "Women's Safe Night Program"],
        "categories": ["103-01", "101-04"],
        "descriptions": [
            "A safe, women-only shelter with beds, meals, showers and case management for "
            "women who are unhoused.",
            "Overnight shelter and a daytime lounge for women experiencing homelessness, "
            "with a nurse on Tuesdays and help applying for housing.",
        ],
        "keywords": ["homeless", "women", "shelter", "safe place to sleep"],
        "hours": ["Mon-Sun 18:00-08:00", "24/7"],
        "elig": {
            "min_age": 18,
            "genders": ["female"],
            "populations": ["homeless"],
            "text": "Women 18 and older experiencing homelessness",
        },
        "documents": ["No ID required"],
        "apply": ["Call ahead to check for an open bed; walk-ins accepted from 6pm."],
    },
    "family_shelter": {
        "names": ["Family Shelter", "Family Emergency Housing"],
        "categories": ["103-01", "101-04"],
        "descriptions": [
            "Private rooms for homeless families with children, with meals, a play area "
            "and help finding permanent housing.",
            "Emergency housing for parents with minor children, for up to 120 days, "
            "including child care during job searches and housing workshops.",
        ],
        "keywords": ["homeless family", "shelter with kids", "family shelter", "evicted"],
        "hours": ["24/7"],
        "elig": {
            "populations": ["families", "homeless"],
            "text": "Families with at least one child under 18 who are homeless",
        },
        "documents": ["Birth certificates or custody papers for the children", "Photo ID"],
        "apply": ["Referral through coordinated entry; call for a screening."],
    },
    "youth_shelter": {
        "names": ["Youth Shelter", "Teen Crisis Shelter"],
        "categories": ["103-01", "101-04"],
        "descriptions": [
            "Short-term shelter for runaway and homeless teens, with counseling and family "
            "reunification where it is safe.",
            "Emergency beds for young people ages 12 to 17 who have run away, been kicked "
            "out or cannot go home, with 24-hour staff.",
        ],
        "keywords": ["runaway", "kicked out", "teen", "homeless youth"],
        "hours": ["24/7"],
        "elig": {
            "min_age": 12,
            "max_age": 17,
            "populations": ["youth"],
            "text": "Youth ages 12-17",
        },
        "documents": ["None required"],
        "apply": ["Call or walk in any time, day or night."],
    },
    "safe_parking": {
        "names": ["Safe Parking Program", "Safe Overnight Parking"],
        "categories": ["103-01", "101-04"],
        "descriptions": [
            "A staffed overnight lot for people living in cars, RVs and vans, with "
            "restrooms, security and case management.",
            "Overnight parking spaces for people who sleep in their vehicles, with portable "
            "restrooms, hand-washing stations and help moving into housing.",
        ],
        "keywords": ["living in car", "sleep in car", "RV", "vehicle", "parking"],
        "hours": ["Daily 7pm-7am", "Mon-Sun 19:00-07:00"],
        "elig": {
            "min_age": 18,
            "populations": ["homeless"],
            "text": "Adults living in a vehicle that runs, with a valid license",
        },
        "documents": ["Driver's license", "Vehicle registration", "Proof of insurance"],
        "apply": ["Call for an intake appointment; spaces are assigned after a screening."],
    },
    "winter_shelter": {
        "names": ["Inclement Weather Shelter", "Winter Warming Shelter"],
        "categories": ["103-01", "101-04"],
        "descriptions": [
            "Extra cots, blankets and a hot meal on cold or rainy nights for anyone without "
            "a warm place to stay.",
        ],
        "keywords": ["cold", "rain", "warming center", "homeless", "blankets"],
        "hours": ["Daily 6pm-7am"],
        "elig": {"text": "Anyone who needs a warm place to sleep"},
        "documents": ["None required"],
        "apply": ["Walk in; open on nights the county declares an inclement weather alert."],
    },
    "dv_hotline": {
        "names": ["24-Hour Domestic Violence Hotline", "Domestic Violence Crisis Line"],
        "categories": ["101-06"],
        "descriptions": [
            "Confidential support for anyone being hurt, threatened or controlled by a "
            "partner or family member: safety planning, shelter referrals and help with "
            "restraining orders.",
            "Trained advocates answer day and night to talk through options, plan for "
            "safety and connect callers to confidential shelter and legal help.",
        ],
        "keywords": ["domestic violence", "abuse", "abusive partner", "safety", "hotline"],
        "hours": ["24/7"],
        "documents": ["None required"],
        "apply": ["Call or text any time; you do not have to give your name."],
        "remote": True,
    },
    "dv_shelter": {
        "names": ["Confidential Shelter for Survivors", "Safe House"],
        "categories": ["101-06", "103-01"],
        "descriptions": [
            "Confidential emergency shelter for women and their children fleeing domestic "
            "violence, with advocacy, counseling and help planning next steps. The location "
            "is not published.",
        ],
        "keywords": ["domestic violence", "safe house", "fleeing abuse", "battered women"],
        "hours": ["24/7"],
        "elig": {
            "genders": ["female"],
            "populations": ["families"],
            "text": "Women fleeing domestic violence, with or without children",
        },
        "documents": ["None required"],
        "apply": ["Call the 24-hour hotline for a screening; staff arrange a safe pickup."],
        "remote": True,
    },
    "sexual_assault_advocacy": {
        "names": ["Sexual Assault Advocacy", "Rape Crisis Services"],
        "categories": ["101-06", "106-07"],
        "descriptions": [
            "24-hour crisis line, hospital accompaniment during forensic exams, counseling "
            "and court advocacy for survivors of sexual assault of any age or gender.",
        ],
        "keywords": ["rape", "sexual assault", "survivor", "advocate"],
        "hours": ["24/7"],
        "documents": ["None required"],
        "apply": ["Call the crisis line any time."],
        "remote": True,
    },
    "restraining_order": {
        "names": ["Restraining Order Assistance", "Protective Order Clinic"],
        "categories": ["111-01", "101-06"],
        "descriptions": [
            "Advocates help survivors of abuse, stalking or harassment fill out and file "
            "restraining order papers, and go with them to the hearing.",
        ],
        "keywords": ["restraining order", "protective order", "stalking", "abuse"],
        "hours": ["Mon-Fri 09:00-16:00", "Mon,Wed 9am-12pm"],
        "documents": ["Photo ID", "Any police reports, texts or photos of the abuse"],
        "apply": ["Walk in during clinic hours or call for an appointment."],
    },
    "crisis_line": {
        "names": ["Crisis and Suicide Support Line", "24-Hour Crisis Line"],
        "categories": ["101-07", "106-07"],
        "descriptions": [
            "Free, confidential support for anyone thinking about suicide, in emotional "
            "distress or worried about someone else. Counselors can send a mobile team if "
            "needed.",
            "Trained volunteers and clinicians answer calls and texts around the clock for "
            "people in crisis, and connect callers to local mental health care.",
        ],
        "keywords": ["suicide", "crisis", "suicidal", "hotline", "mental health emergency"],
        "hours": ["24/7"],
        "documents": ["None required"],
        "apply": ["Call or text any time."],
        "remote": True,
    },
    "mobile_crisis": {
        "names": ["Mobile Crisis Response Team"],
        "categories": ["101-07", "106-07"],
        "descriptions": [
            "Mental health clinicians come to a person in crisis at home, at school or in "
            "the community, as an alternative to calling the police, and arrange follow-up "
            "care.",
        ],
        "keywords": ["crisis team", "mental health emergency", "5150", "breakdown"],
        "hours": ["24/7", "Daily 8am-11pm"],
        "documents": ["None required"],
        "apply": ["Call the crisis line and ask for the mobile team."],
        "remote": True,
    },
    "psych_emergency": {
        "names": ["Psychiatric Emergency Services"],
        "categories": ["101-07", "106-07"],
        "descriptions": [
            "Around-the-clock crisis stabilization, psychiatric evaluation and medication "
            "management for individuals experiencing acute psychiatric decompensation, with "
            "linkage to inpatient or outpatient continuing care.",
        ],
        "keywords": ["PES", "crisis stabilization", "psychiatric evaluation", "5150"],
        "hours": ["24/7"],
        "documents": ["Insurance card if available; no one is turned away"],
        "apply": ["Walk in to the emergency entrance, or arrive by ambulance or crisis team."],
    },
    # ---- 102 Food --------------------------------------------------------------------------
    "food_pantry": {
        "names": ["Food Pantry", "Community Pantry", "Weekly Grocery Distribution"],
        "categories": ["102-04"],
        "descriptions": [
            "Free groceries every week, including fresh produce, bread, eggs and canned "
            "goods. Bring your own bags if you can.",
            "A client-choice pantry where shoppers pick their own groceries from shelves of "
            "produce, dairy, rice, beans and pantry staples.",
            "Weekly distribution of fruit, vegetables and shelf-stable food to households "
            "in {city} and nearby neighborhoods. Diapers and pet food when available.",
            "Drive-through and walk-up grocery distribution; volunteers load a box of fresh "
            "and packaged food into your car or cart.",
            "Free food for individuals and families, with culturally familiar items such "
            "as rice, tortillas, tofu and masa when donated.",
        ],
        "extras": [
            "Volunteers can carry groceries to your car.",
            "Halal, vegetarian and low-sugar items are set aside on request.",
            "Frozen meat and dairy are offered when supplies allow.",
            "Larger households receive extra bags.",
            "Home delivery for homebound neighbors can be arranged.",
        ],
        "keywords": ["free food", "groceries", "food bank", "canned food", "produce"],
        "hours": [
            "Tue,Thu 1pm-4pm",
            "Sat 9am-12pm",
            "Mon,Wed,Fri 10:00-13:00",
            "Wed 3pm-6pm",
            "Fri 09:00-11:30",
            "Tue 10am-1pm; Thu 4pm-7pm",
        ],
        "documents": ["Proof of address (any piece of mail)"],
        "apply": [
            "Walk in during distribution hours; the first visit includes a short sign-up form.",
            "No appointment needed; register once with your name and household size.",
        ],
        "area": "nearby",
    },
    "free_meals": {
        "names": ["Community Hot Meal", "Free Dinner Program", "Community Kitchen"],
        "categories": ["102-05"],
        "descriptions": [
            "A hot, sit-down meal served to anyone who comes, no questions asked. "
            "Vegetarian option available.",
            "Free hot meals served in the fellowship hall, with to-go plates for people who "
            "cannot stay.",
            "Volunteers cook and serve a free community meal; showers and a clothing rack are "
            "open during meal times.",
        ],
        "extras": [
            "No sign-up, no ID, and seconds when food allows.",
            "Meals are cooked with food donated by local grocers and farms.",
        ],
        "keywords": ["free meal", "hot food", "lunch", "dinner", "soup kitchen"],
        "hours": ["Mon-Fri 11:30am-1pm", "Daily 5pm-6:30pm", "Sat,Sun 12:00-13:30"],
        "documents": ["None required"],
        "apply": ["Just come in during meal times."],
        "area": "nearby",
    },
    "senior_lunch": {
        "names": ["Senior Lunch Program", "Congregate Meals for Older Adults"],
        "categories": ["102-05", "102-07"],
        "descriptions": [
            "A nutritious, dietitian-approved lunch served at the senior center, with a "
            "suggested donation that no one is required to pay.",
            "Weekday lunch and company for older adults, with low-sodium and diabetic "
            "options and a monthly birthday celebration.",
        ],
        "extras": [
            "Rides to lunch can be arranged for people who no longer drive.",
        ],
        "keywords": ["senior lunch", "meals for seniors", "elderly", "hot lunch"],
        "hours": ["Mon-Fri 11:30am-12:30pm", "Mon-Fri 11:00-13:00"],
        "elig": SENIORS_60,
        "fees": "Suggested donation $3; no one is turned away",
        "documents": ["None required"],
        "apply": ["Reserve a lunch by calling the day before."],
        "area": "city",
    },
    "home_meals": {
        "names": ["Home-Delivered Meals", "Meals on Wheels"],
        "categories": ["102-03", "102-07"],
        "descriptions": [
            "Hot and frozen meals delivered to the homes of older adults and people with "
            "disabilities who cannot shop or cook for themselves, with a daily wellness "
            "check from the driver.",
        ],
        "keywords": ["meals delivered", "homebound", "meals on wheels", "elderly"],
        "hours": ["Mon-Fri 8am-2pm"],
        "elig": {
            "min_age": 60,
            "populations": ["seniors", "disabled"],
            "text": "Homebound adults 60+, or younger adults with a disability",
        },
        "fees": "Suggested donation $4 per meal",
        "documents": ["None required; a nutrition assessment is done at home"],
        "apply": ["Call for a home assessment; meals start within about two weeks."],
    },
    "grocery_delivery": {
        "names": ["Grocery Delivery for Homebound Residents"],
        "categories": ["102-03", "102-04"],
        "descriptions": [
            "Volunteers deliver a box of groceries twice a month to older adults and people "
            "with disabilities who cannot get to a pantry.",
        ],
        "keywords": ["food delivery", "homebound", "groceries delivered"],
        "hours": ["Mon-Fri 9am-4pm"],
        "elig": {
            "populations": ["seniors", "disabled"],
            "text": "Homebound seniors or adults with a disability",
        },
        "documents": ["None required"],
        "apply": ["Call to enroll; a volunteer calls back to schedule deliveries."],
        "remote": True,
    },
    "calfresh_help": {
        "names": ["CalFresh Application Assistance", "CalFresh Enrollment Help"],
        "categories": ["102-06", "107-03"],
        "descriptions": [
            "Outreach workers help you apply for CalFresh food benefits on an EBT card, "
            "prepare for the interview and send in the paperwork.",
            "Free help applying for and keeping CalFresh (SNAP): screening, the online "
            "application, renewals and fixing problems with your EBT card.",
        ],
        "extras": [
            "Assistants can also sign you up for Medi-Cal at the same time.",
        ],
        "keywords": ["food stamps", "EBT", "SNAP", "CalFresh", "food benefits"],
        "hours": ["Mon-Fri 9am-5pm", "Mon-Thu 08:30-17:00"],
        "elig": {"text": "Low-income households, including students and immigrants"},
        "documents": [
            "Photo ID",
            "Proof of income",
            "Rent receipt or lease",
            "Utility bill",
        ],
        "apply": ["Call to apply over the phone, or drop in to any pantry site."],
    },
    "wic": {
        "names": ["WIC Nutrition Program", "WIC (Women, Infants and Children)"],
        "categories": ["102-07", "106-04"],
        "descriptions": [
            "Monthly food benefits, breastfeeding support and nutrition counseling for "
            "pregnant and postpartum people and children under five.",
            "WIC provides an eWIC card for healthy foods such as milk, fruit, whole grains "
            "and infant formula, plus lactation consultants and check-ups on your child's "
            "growth.",
        ],
        "extras": [
            "Breast pumps are loaned to eligible parents.",
        ],
        "keywords": ["WIC", "formula", "baby food", "breastfeeding", "pregnant"],
        "hours": ["Mon-Fri 8am-5pm", "Mon-Fri 08:00-17:00; Sat 09:00-13:00"],
        "elig": {
            "max_age": 5,
            "populations": ["pregnant", "families"],
            "income_limit_fpl": 185,
            "text": "Pregnant, breastfeeding or postpartum people and children under 5 "
            "with household income up to 185% of the poverty level; Medi-Cal members qualify",
        },
        "documents": [
            "Photo ID",
            "Proof of address",
            "Proof of income or Medi-Cal card",
            "Child's immunization record",
        ],
        "apply": ["Call for an appointment; phone appointments are available."],
    },
    "mobile_pantry": {
        "names": ["Mobile Pantry", "Mobile Food Truck"],
        "categories": ["102-04", "102-03"],
        "descriptions": [
            "A refrigerated truck brings fresh produce and groceries to parks, schools and "
            "apartment complexes on a monthly route. Call or check the website for the "
            "schedule.",
        ],
        "keywords": ["mobile food", "food truck", "free groceries", "produce"],
        "hours": ["Tue-Sat 10am-2pm"],
        "documents": ["None required"],
        "apply": ["Find the stop nearest you and come during the posted time."],
        "remote": True,
    },
    "summer_meals": {
        "names": ["Free Summer Meals for Kids", "Summer Lunch in the Park"],
        "categories": ["102-05"],
        "descriptions": [
            "Free lunch and a snack for any child or teen 18 and under, served at the park "
            "on weekdays while school is out.",
        ],
        "keywords": ["kids lunch", "summer food", "free lunch for children"],
        "hours": ["Mon-Fri 12pm-1pm"],
        "elig": {
            "max_age": 18,
            "populations": ["youth"],
            "text": "Children and teens 18 and under",
        },
        "documents": ["None required"],
        "apply": ["Children just show up; no sign-up needed."],
        "area": "nearby",
    },
    "nutrition_ed": {
        "names": ["Healthy Eating and Cooking Classes", "Nutrition Workshops"],
        "categories": ["102-07", "106-04"],
        "descriptions": [
            "Hands-on cooking classes and grocery store tours on eating well on a budget, "
            "taught by a registered dietitian.",
        ],
        "keywords": ["cooking class", "healthy eating", "nutrition", "diet"],
        "hours": ["Wed 5:30pm-7:30pm", "Sat 10am-12pm"],
        "documents": ["None required"],
        "apply": ["Sign up by phone or at the front desk."],
    },
    "produce_rx": {
        "names": ["Produce Prescription Program", "Food as Medicine Program"],
        "categories": ["102-06", "106-04"],
        "descriptions": [
            "A medically tailored nutrition intervention: patients with diet-related "
            "chronic conditions receive monthly produce vouchers and dietitian counseling, "
            "prescribed by their care team.",
        ],
        "keywords": ["food as medicine", "produce prescription", "medically tailored"],
        "hours": ["Mon-Fri 09:00-17:00"],
        "elig": {
            "text": "Clinic patients with diabetes, prediabetes or hypertension, referred "
            "by their provider",
        },
        "documents": ["Referral from a clinic provider"],
        "apply": ["Ask your doctor or nurse for a referral."],
    },
    "market_match": {
        "names": ["Farmers' Market Match"],
        "categories": ["102-06"],
        "descriptions": [
            "Doubles the value of CalFresh and WIC benefits spent on fruits and vegetables "
            "at the Saturday farmers' market, up to $20 per visit.",
        ],
        "keywords": ["EBT", "farmers market", "double bucks", "CalFresh"],
        "hours": ["Sat 8am-12pm"],
        "elig": {"text": "Shoppers using CalFresh EBT or WIC"},
        "documents": ["EBT or WIC card"],
        "apply": ["Visit the information booth at the market."],
        "area": "county",
    },
    # ---- 103 Housing -----------------------------------------------------------------------
    "rent_assist": {
        "names": ["Emergency Rental Assistance", "Rent Help Program", "Back Rent Assistance"],
        "categories": ["103-03"],
        "descriptions": [
            "Helps tenants who are behind on rent catch up, paying up to two months of "
            "past-due rent directly to the landlord.",
            "One-time help with rent or a move-in deposit for low-income families who had "
            "a sudden loss of income.",
            "Tenants facing eviction for unpaid rent can apply for a grant toward back "
            "rent; staff also help work out a payment plan with the landlord.",
            "Short-term rent help for {area} renters who fell behind because of illness, "
            "reduced hours or a family emergency.",
        ],
        "extras": [
            "Funds are limited and reopen at the start of each month.",
            "Applicants also meet a housing counselor to plan how to keep up with rent.",
            "Priority goes to households with children, seniors and people with disabilities.",
        ],
        "keywords": ["rent", "eviction", "back rent", "late rent", "rent help"],
        "hours": ["Mon-Fri 9am-5pm", "Mon-Thu 09:00-17:00; Fri 09:00-12:00", "Tue,Thu 1pm-5pm"],
        "elig": {
            "income_limit_fpl": 250,
            "text": "Renters with household income at or below 250% of the federal poverty "
            "level who are behind on rent",
        },
        "documents": [
            "Photo ID",
            "Lease or rental agreement",
            "Notice from landlord or rent ledger",
            "Proof of income",
        ],
        "apply": [
            "Call for a screening appointment; bring your documents to the appointment.",
            "Apply online, then upload documents; a caseworker follows up within a week.",
            "Walk in on Tuesday or Thursday afternoons for same-day screening.",
        ],
    },
    "homelessness_prevention": {
        "names": ["Homelessness Prevention Program", "Tenancy Stabilization Services"],
        "categories": ["103-03", "103-04"],
        "descriptions": [
            "One-time financial assistance to stabilize tenancy for households at imminent "
            "risk of displacement, paired with short-term case management and landlord "
            "mediation.",
            "Time-limited arrears assistance and housing stabilization case management for "
            "income-eligible households at risk of losing their current unit.",
        ],
        "keywords": ["tenancy stabilization", "arrears", "housing retention", "diversion"],
        "hours": ["Mon-Fri 08:30-17:00"],
        "elig": {
            "income_limit_fpl": 200,
            "text": "Households at or below 200% FPL with documented risk of housing loss",
        },
        "documents": [
            "Government-issued ID",
            "Current lease",
            "Documentation of arrears",
            "Income verification",
        ],
        "apply": ["Referral via the county coordinated entry access line or a core agency."],
    },
    "move_in_help": {
        "names": ["Security Deposit Assistance", "Move-In Cost Assistance"],
        "categories": ["103-03", "103-02"],
        "descriptions": [
            "Pays a security deposit or first month's rent for people moving out of a "
            "shelter, a car or an overcrowded home into a place of their own.",
        ],
        "keywords": ["deposit", "first month rent", "move in", "moving costs"],
        "hours": ["Mon-Fri 9am-5pm"],
        "elig": {"income_limit_fpl": 200, "text": "Low-income renters with a signed lease offer"},
        "documents": ["Photo ID", "Lease offer or landlord letter", "Proof of income"],
        "apply": ["Call for an appointment with a housing counselor."],
    },
    "housing_navigation": {
        "names": ["Housing Navigation", "Housing Search Assistance", "Housing Locator"],
        "categories": ["103-02"],
        "descriptions": [
            "Housing navigators help people who are homeless or about to lose housing "
            "search listings, fill out applications and talk to landlords.",
            "One-on-one help finding an apartment or a room: listings, application fees, "
            "rental history problems and getting on affordable housing waitlists.",
            "Staff keep relationships with local landlords and help clients with vouchers "
            "find units that accept them.",
        ],
        "extras": [
            "Navigators can pay application fees and holding deposits.",
        ],
        "keywords": ["find housing", "apartment", "housing search", "Section 8", "waitlist"],
        "hours": ["Mon-Fri 9am-5pm", "Mon-Fri 08:00-16:30"],
        "elig": {"text": "People who are homeless or at risk of homelessness"},
        "documents": ["Photo ID", "Proof of income if any"],
        "apply": [
            "Call or drop in to meet a navigator.",
            "Referral from a case manager or shelter.",
        ],
    },
    "rapid_rehousing": {
        "names": ["Rapid Rehousing"],
        "categories": ["103-02", "103-03"],
        "descriptions": [
            "Time-limited rental subsidy and case management to quickly rehouse households "
            "experiencing literal homelessness, with housing location and landlord liaison.",
        ],
        "keywords": ["RRH", "rental subsidy", "rehousing"],
        "hours": ["Mon-Fri 08:30-17:00"],
        "elig": {
            "populations": ["homeless"],
            "text": "Households currently homeless and referred through coordinated entry",
        },
        "documents": ["Homelessness verification", "Photo ID", "Income verification"],
        "apply": ["Referral through the county coordinated entry system only."],
    },
    "home_sharing": {
        "names": ["Home Sharing Program"],
        "categories": ["103-02"],
        "descriptions": [
            "Matches homeowners who have a spare room with people who need an affordable "
            "place to live, screening both sides and helping write a living-together "
            "agreement.",
        ],
        "keywords": ["room for rent", "shared housing", "roommate", "affordable room"],
        "hours": ["Mon-Fri 9am-5pm"],
        "documents": ["Photo ID", "Two references", "Proof of income"],
        "apply": ["Fill out an application online or by phone, then interview with staff."],
    },
    "tenant_counseling": {
        "names": ["Tenant Rights Counseling", "Tenant Helpline"],
        "categories": ["103-04", "111-01"],
        "descriptions": [
            "Counselors explain tenants' rights on repairs, rent increases, deposits and "
            "eviction notices, and refer callers to a lawyer when needed.",
            "Advice for renters about notices, habitability problems, just-cause "
            "protections and the rent cap, with sample letters to landlords.",
        ],
        "keywords": ["tenant rights", "eviction notice", "landlord", "repairs", "rent increase"],
        "hours": ["Mon-Fri 10am-4pm", "Mon,Wed,Fri 09:00-13:00"],
        "documents": ["Any notice from the landlord and your lease"],
        "apply": ["Call the helpline; messages are returned within one business day."],
    },
    "first_time_buyer": {
        "names": ["Homebuyer Education Workshops", "First-Time Homebuyer Program"],
        "categories": ["103-04", "107-05"],
        "descriptions": [
            "Eight-hour certified homebuyer course and one-on-one counseling on credit, "
            "down payment assistance programs and below-market-rate units.",
        ],
        "keywords": ["buy a home", "down payment", "first-time buyer", "mortgage"],
        "hours": ["Sat 9am-1pm", "Tue 6pm-8pm"],
        "fees": "$50 workshop fee, waived for low-income households",
        "cost": "sliding scale",
        "documents": ["Recent pay stubs", "Credit report if you have one"],
        "apply": ["Register online for the next workshop."],
    },
    "transitional_housing": {
        "names": ["Transitional Housing", "Transitional Living Program"],
        "categories": ["103-05"],
        "descriptions": [
            "Furnished apartments for up to 24 months with case management, savings "
            "goals and life-skills classes, for people moving out of homelessness.",
            "A two-year program of shared housing and support services to help residents "
            "build income and move into permanent housing.",
        ],
        "extras": [
            "Residents pay 30% of income, part of which is saved for their move-out.",
            "Staff run weekly house meetings and life-skills groups.",
            "Some units allow pets.",
        ],
        "keywords": ["transitional housing", "program housing", "homeless"],
        "hours": ["Mon-Fri 09:00-17:00"],
        "elig": {"populations": ["homeless"], "text": "Adults or families leaving homelessness"},
        "documents": ["Photo ID", "Proof of income", "Homeless verification"],
        "apply": ["Referral from a shelter or case manager, then an interview."],
    },
    "supportive_housing": {
        "names": ["Permanent Supportive Housing"],
        "categories": ["103-05", "108-05"],
        "descriptions": [
            "Permanent, deeply affordable studio apartments with on-site supportive "
            "services for chronically homeless adults with a disabling condition; tenants "
            "pay 30% of income.",
        ],
        "keywords": ["PSH", "supportive housing", "chronically homeless"],
        "hours": ["Mon-Fri 09:00-17:00"],
        "elig": {
            "min_age": 18,
            "populations": ["homeless", "disabled"],
            "text": "Chronically homeless adults with a disability, prioritized through "
            "coordinated entry",
        },
        "documents": ["Disability verification", "Homelessness verification", "Photo ID"],
        "apply": ["Referral through coordinated entry only; no walk-in applications."],
    },
    "liheap": {
        "names": ["LIHEAP Energy Assistance", "Home Energy Assistance Program (HEAP)"],
        "categories": ["103-03", "107-02"],
        "descriptions": [
            "The Low Income Home Energy Assistance Program provides a one-time credit "
            "toward residential energy costs for income-eligible households, with priority "
            "for older adults, people with disabilities and households with young children.",
            "Federally funded energy assistance: a once-a-year payment applied to an "
            "eligible household's gas and electric account, plus crisis assistance when a "
            "disconnection is pending.",
        ],
        "keywords": ["LIHEAP", "HEAP", "energy assistance", "ECIP"],
        "hours": ["Mon-Fri 8am-4:30pm", "Mon-Thu 09:00-16:00"],
        "elig": {
            "income_limit_fpl": 200,
            "text": "Households at or below 60% of state median income (about 200% FPL)",
        },
        "documents": [
            "Most recent energy bill",
            "Proof of income for all household members",
            "Photo ID",
        ],
        "apply": [
            "Submit an application by mail or drop-off; appointments fill quickly in winter.",
            "Apply online or by phone; processing takes four to six weeks.",
        ],
    },
    "weatherization": {
        "names": ["Weatherization Program"],
        "categories": ["103-04"],
        "descriptions": [
            "No-cost installation of insulation, weather-stripping, efficient lighting and "
            "appliance repair or replacement to reduce residential energy burden for "
            "income-qualified homeowners and renters.",
        ],
        "keywords": ["weatherization", "energy efficiency", "insulation"],
        "hours": ["Mon-Fri 08:00-16:30"],
        "elig": {"income_limit_fpl": 200, "text": "Households at or below 200% FPL"},
        "documents": ["Energy bill", "Proof of income", "Landlord permission if renting"],
        "apply": ["Call to schedule a home energy assessment."],
        "remote": True,
    },
    "home_repair": {
        "names": ["Safe at Home Repairs", "Minor Home Repair Program"],
        "categories": ["103-04", "104-04"],
        "descriptions": [
            "Volunteers and licensed contractors make free repairs and safety changes, such "
            "as grab bars, ramps, railings and leak fixes, for older and disabled "
            "homeowners.",
        ],
        "keywords": ["home repair", "grab bars", "ramp", "fix my house", "fall prevention"],
        "hours": ["Mon-Fri 9am-4pm"],
        "elig": {
            "min_age": 60,
            "populations": ["seniors", "disabled"],
            "income_limit_fpl": 250,
            "text": "Low-income homeowners 60+ or with a disability",
        },
        "documents": ["Proof of ownership", "Proof of income"],
        "apply": ["Call for a home visit; repairs are scheduled in order of urgency."],
    },
    # ---- 104 Goods -------------------------------------------------------------------------
    "diaper_bank": {
        "names": ["Diaper Bank", "Diaper Distribution"],
        "categories": ["104-01"],
        "descriptions": [
            "A monthly supply of diapers and wipes for babies and toddlers, in all sizes "
            "including newborn and overnight.",
            "Free diapers, wipes and baby formula when available, handed out twice a month "
            "to families with young children.",
        ],
        "extras": [
            "Cloth diaper kits are also available.",
        ],
        "keywords": ["diapers", "wipes", "baby", "formula", "pull-ups"],
        "hours": ["Sat 10am-12pm", "Wed 2pm-5pm", "1st and 3rd Tue 3pm-6pm"],
        "elig": {
            "max_age": 3,
            "populations": ["families"],
            "text": "Families with children under 3",
        },
        "documents": ["Child's birth certificate or Medi-Cal card"],
        "apply": ["Register once in person; then pick up on distribution days."],
    },
    "baby_gear": {
        "names": ["Baby Essentials Closet", "Baby Gear Program"],
        "categories": ["104-01", "104-02"],
        "descriptions": [
            "Free car seats (with a fitting check), cribs, strollers, baby clothes up to "
            "size 5T and breastfeeding supplies for expecting and new parents.",
        ],
        "keywords": ["car seat", "crib", "stroller", "baby clothes", "pregnant"],
        "hours": ["Tue,Thu 10am-2pm"],
        "elig": {
            "populations": ["pregnant", "families"],
            "text": "Pregnant people and "
            "families with a child under 2, referred by a caseworker or clinic",
        },
        "documents": ["Referral form from a social worker, nurse or clinic"],
        "apply": ["Ask your case manager to send a referral; you will get a pickup time."],
    },
    "clothing_closet": {
        "names": ["Clothing Closet", "Free Clothing Room", "Community Clothes Closet"],
        "categories": ["104-02"],
        "descriptions": [
            "Free, clean clothing and shoes for adults and children, with new socks and "
            "underwear; coats and blankets in winter.",
            "Shoppers choose up to ten items per visit from racks of donated clothing in "
            "all sizes, plus hygiene kits.",
        ],
        "extras": [
            "Donations are accepted at the back entrance.",
            "Baby and maternity clothes are available too.",
        ],
        "keywords": ["free clothes", "coats", "shoes", "clothing"],
        "hours": ["Mon,Wed 10am-1pm", "Sat 09:00-12:00", "Thu 1pm-4pm"],
        "documents": ["None required"],
        "apply": ["Walk in during open hours."],
    },
    "work_attire": {
        "names": ["Interview Clothing Boutique"],
        "categories": ["104-02", "110-01"],
        "descriptions": [
            "Free professional outfits for job interviews and the first weeks of work, "
            "fitted by volunteer stylists.",
        ],
        "keywords": ["interview clothes", "work clothes", "suit", "job interview"],
        "hours": ["Tue,Thu 10am-3pm"],
        "documents": ["Referral from a job program or case manager"],
        "apply": ["Referral required; appointments are one hour."],
    },
    "furniture_bank": {
        "names": ["Furniture Bank"],
        "categories": ["104-03"],
        "descriptions": [
            "Donated beds, tables, sofas and dressers for households moving out of "
            "homelessness or fleeing violence, with low-cost delivery.",
        ],
        "keywords": ["furniture", "bed", "mattress", "couch", "moving"],
        "hours": ["Fri-Sat 9am-1pm"],
        "fees": "Delivery $50, waived with a caseworker letter",
        "documents": ["Referral from a partner agency"],
        "apply": ["Your caseworker books a shopping appointment for you."],
    },
    "household_kits": {
        "names": ["Move-In Kits", "Home Start Kits"],
        "categories": ["104-03"],
        "descriptions": [
            "Starter kits for a new home: pots and pans, dishes, towels, bedding and "
            "cleaning supplies, for people who were just housed.",
        ],
        "keywords": ["kitchen supplies", "bedding", "household items", "new apartment"],
        "hours": ["Mon-Fri 10am-3pm"],
        "documents": ["Copy of new lease or referral letter"],
        "apply": ["Call to schedule a pickup."],
    },
    "hygiene_program": {
        "names": ["Mobile Showers and Hygiene", "Shower and Laundry Program"],
        "categories": ["104-03", "103-01"],
        "descriptions": [
            "Private hot showers, toiletries and clean socks for people living outside, "
            "from a shower trailer that rotates between parking lots.",
        ],
        "keywords": ["shower", "laundry", "toiletries", "homeless", "hygiene"],
        "hours": ["Mon,Wed,Fri 8am-12pm"],
        "elig": {"populations": ["homeless"], "text": "People experiencing homelessness"},
        "documents": ["None required"],
        "apply": ["Sign up on the clipboard at the trailer."],
        "remote": True,
    },
    "dme_loan": {
        "names": ["Medical Equipment Lending Closet", "Durable Medical Equipment Loan Closet"],
        "categories": ["104-04"],
        "descriptions": [
            "Loans of durable medical equipment (DME), including wheelchairs, walkers, "
            "shower chairs and hospital beds, for as long as they are needed.",
            "Gently used mobility aids and bathroom safety equipment lent at no charge; "
            "donations of clean equipment are welcome.",
        ],
        "keywords": ["wheelchair", "walker", "crutches", "hospital bed", "shower chair"],
        "hours": ["Mon-Fri 10am-2pm", "Tue,Thu 09:00-12:00; Sat 09:00-11:00"],
        "documents": ["Photo ID"],
        "apply": ["Call ahead to check what is available, then pick up in person."],
    },
    # ---- 105 Transit -----------------------------------------------------------------------
    "transit_discount": {
        "names": ["Reduced Fare Transit Pass", "Discounted Clipper Card Enrollment"],
        "categories": ["105-01"],
        "descriptions": [
            "Low-income adults can enroll for 50% off bus, BART and Caltrain fares on a "
            "personalized transit card.",
            "Help applying for reduced-fare transit cards for low-income riders, seniors "
            "and people with disabilities.",
        ],
        "keywords": ["bus pass", "Clipper", "discount fare", "BART", "Caltrain"],
        "hours": ["Mon-Fri 9am-5pm"],
        "elig": {
            "min_age": 19,
            "max_age": 64,
            "income_limit_fpl": 200,
            "text": "Adults 19-64 with household income up to 200% of the poverty level",
        },
        "documents": ["Photo ID", "Proof of income or enrollment in CalFresh or Medi-Cal"],
        "apply": ["Apply online or by phone; the card arrives by mail in about two weeks."],
        "remote": True,
    },
    "paratransit": {
        "names": ["Paratransit Door-to-Door Rides", "ADA Paratransit"],
        "categories": ["105-02"],
        "descriptions": [
            "ADA complementary paratransit providing shared-ride, origin-to-destination "
            "trips for individuals whose disability prevents use of fixed-route service.",
        ],
        "keywords": ["ADA", "paratransit", "eligibility certification"],
        "hours": ["Daily 5:30am-11:30pm"],
        "elig": {
            "populations": ["disabled"],
            "text": "People certified as unable to use fixed-route buses because of a disability",
        },
        "cost": "fee",
        "fees": "$4.75 per one-way trip",
        "documents": ["Completed eligibility application with a health professional's form"],
        "apply": ["Request an application by phone; an in-person assessment follows."],
        "remote": True,
    },
    "medical_rides": {
        "names": ["Volunteer Medical Rides", "Rides to Medical Appointments"],
        "categories": ["105-02"],
        "descriptions": [
            "Volunteer drivers take older adults to doctor, dialysis and pharmacy visits "
            "and wait with them if needed.",
        ],
        "extras": [
            "Riders may bring a companion or caregiver.",
            "Drivers help riders in and out of the car; wheelchair vans are limited.",
        ],
        "keywords": ["ride to doctor", "transportation", "driver", "appointment ride"],
        "hours": ["Mon-Fri 8am-5pm"],
        "elig": SENIORS_60,
        "documents": ["None required"],
        "apply": ["Book by phone at least three business days before the appointment."],
        "remote": True,
    },
    "gas_cards": {
        "names": ["Transportation Assistance", "Gas Cards and Bus Tokens"],
        "categories": ["105-01"],
        "descriptions": [
            "Gas cards and bus passes for clients who need to get to job interviews, "
            "medical care or court dates.",
        ],
        "extras": [
            "Assistance is limited to one request per month.",
            "Transit cards can be loaded with a month of rides to a new job.",
        ],
        "keywords": ["gas money", "bus fare", "gas card", "bus pass"],
        "hours": ["Mon-Fri 9am-4pm"],
        "documents": ["Appointment letter or proof of interview"],
        "apply": ["Ask your case manager, or call for a same-week appointment."],
    },
    "bike_program": {
        "names": ["Community Bike Program"],
        "categories": ["105-02"],
        "descriptions": [
            "Refurbished bikes with a helmet and lock for adults who need a way to get to "
            "work or school, plus free repair nights.",
        ],
        "keywords": ["bike", "bicycle", "commute", "bike repair"],
        "hours": ["Sat 10am-2pm", "Wed 5pm-7pm"],
        "elig": {"min_age": 16, "text": "Teens 16+ and adults without another way to commute"},
        "documents": ["Referral from a job program, school or case manager"],
        "apply": ["Bring a referral to a Saturday shop session."],
    },
    "coast_shuttle": {
        "names": ["Coastside Community Shuttle"],
        "categories": ["105-02"],
        "descriptions": [
            "A free, on-call shuttle between Pescadero, La Honda and Half Moon Bay for "
            "medical visits, grocery shopping and county offices.",
        ],
        "keywords": ["ride", "shuttle", "transportation", "rural"],
        "hours": ["Mon-Fri 7am-6pm"],
        "documents": ["None required"],
        "apply": ["Call a day ahead to book a ride."],
        "area": "coast",
        "remote": True,
    },
    # ---- 106 Health ------------------------------------------------------------------------
    "primary_care": {
        "names": ["Primary Care Clinic", "Community Health Clinic", "Family Medicine Clinic"],
        "categories": ["106-06"],
        "descriptions": [
            "Check-ups, sick visits, chronic disease care, immunizations and lab tests for "
            "all ages, regardless of insurance or immigration status.",
            "A federally qualified health center offering primary care, women's health, "
            "pediatrics and behavioral health, with fees based on family size and income.",
            "Doctors, nurse practitioners and medical assistants who speak your language, "
            "for regular care, school physicals and managing diabetes or blood pressure.",
            "Walk-in and scheduled medical care for uninsured and Medi-Cal patients, "
            "including prescriptions at low cost from the on-site pharmacy.",
        ],
        "extras": [
            "Patients see the same provider at each visit.",
            "Behavioral health and nutrition counseling can happen during the same visit.",
            "Lab work and X-rays are done on site.",
            "Telehealth visits are available for follow-ups.",
        ],
        "keywords": ["doctor", "clinic", "checkup", "sick", "physical", "no insurance"],
        "hours": [
            "Mon-Fri 08:00-17:00",
            "Mon-Fri 8am-7pm; Sat 9am-1pm",
            "Mon-Thu 8:30am-8pm; Fri 8:30am-5pm",
        ],
        "cost": "sliding scale",
        "fees": "Medi-Cal and most insurance accepted; sliding scale from $20 per visit",
        "documents": [
            "Photo ID",
            "Insurance card if you have one",
            "Proof of income for sliding scale",
        ],
        "apply": [
            "Call to make a first appointment; same-day sick visits are available.",
            "Register at the front desk; new patients should arrive 30 minutes early.",
        ],
    },
    "dental": {
        "names": ["Dental Clinic", "Community Dental Care", "Family Dentistry"],
        "categories": ["106-02"],
        "descriptions": [
            "Cleanings, fillings, extractions and urgent dental visits for children and "
            "adults; Medi-Cal Dental accepted.",
            "Low-cost dental care including exams, X-rays, root canals and dentures, with "
            "same-day appointments for tooth pain.",
        ],
        "extras": [
            "Patients in pain are seen the same day when possible.",
            "Children's visits include fluoride varnish and sealants.",
            "Dentures and partials are offered at reduced cost.",
        ],
        "keywords": ["dentist", "toothache", "teeth", "cleaning", "Denti-Cal"],
        "hours": ["Mon-Fri 08:00-17:00", "Tue-Sat 8am-4:30pm"],
        "cost": "sliding scale",
        "fees": "Medi-Cal Dental accepted; sliding scale for uninsured patients",
        "documents": ["Photo ID", "Medi-Cal card or proof of income"],
        "apply": ["Call for an appointment; line up at 8am for same-day emergency slots."],
    },
    "kids_dental_van": {
        "names": ["Mobile Dental Van for Children"],
        "categories": ["106-02", "106-04"],
        "descriptions": [
            "A dental van visits schools and community centers for free exams, cleanings, "
            "fluoride varnish and sealants for children.",
        ],
        "keywords": ["kids dentist", "school dental", "sealants", "teeth"],
        "hours": ["Mon-Thu 8am-3pm"],
        "elig": {"max_age": 18, "populations": ["youth"], "text": "Children 18 and under"},
        "documents": ["Signed parent consent form"],
        "apply": ["Parents sign a consent form at school or call to find the van's schedule."],
        "remote": True,
    },
    "vision": {
        "names": ["Vision Care", "Eye Exams and Glasses"],
        "categories": ["106-09"],
        "descriptions": [
            "Eye exams and free or low-cost glasses, with screening for glaucoma and "
            "diabetic eye disease.",
            "Optometry for children and adults; one pair of glasses a year for Medi-Cal "
            "members and a $25 pair for everyone else.",
        ],
        "extras": [
            "Frames are chosen on site and glasses arrive within two weeks.",
            "Children who fail a school vision screening are seen first.",
        ],
        "keywords": ["eye exam", "glasses", "eyeglasses", "vision", "can't see"],
        "hours": ["Tue,Thu 9am-5pm", "Mon-Fri 09:00-16:00"],
        "cost": "sliding scale",
        "fees": "Exams free for Medi-Cal; $25 glasses for uninsured patients",
        "documents": ["Photo ID", "Insurance or Medi-Cal card"],
        "apply": ["Call for an appointment."],
    },
    "mental_health": {
        "names": [
            "Counseling Services",
            "Outpatient Mental Health Clinic",
            "Behavioral Health Counseling",
        ],
        "categories": ["106-07"],
        "descriptions": [
            "Individual, couples and family therapy for depression, anxiety, grief and "
            "trauma, with fees based on income.",
            "Licensed therapists and supervised trainees provide short-term counseling and "
            "support groups in several languages.",
            "Outpatient mental health care, including psychiatric medication management, "
            "for adults with Medi-Cal or no insurance.",
        ],
        "extras": [
            "Evening appointments and telehealth are available.",
            "Waits for a first appointment are usually under three weeks.",
            "Therapists experienced with immigrant families and trauma are on staff.",
        ],
        "keywords": ["therapy", "counseling", "depression", "anxiety", "therapist", "stress"],
        "hours": ["Mon-Thu 9am-8pm; Fri 9am-5pm", "Mon-Fri 10:00-19:00", "Mon-Fri 9am-5pm"],
        "cost": "sliding scale",
        "fees": "Sliding scale from $10 per session; Medi-Cal accepted",
        "documents": ["Photo ID", "Insurance card if insured"],
        "apply": [
            "Call the intake line for a phone screening; first appointments within two weeks."
        ],
    },
    "youth_counseling": {
        "names": ["Youth Counseling", "Teen Wellness Center"],
        "categories": ["106-07"],
        "descriptions": [
            "Free, confidential counseling for teens and young adults dealing with stress, "
            "family conflict, bullying, depression or identity questions.",
            "Drop-in wellness center where young people can talk with a counselor, join a "
            "group or get help with school, relationships and substance use.",
        ],
        "extras": [
            "Counselors also visit local high schools.",
        ],
        "keywords": ["teen counseling", "youth", "stress", "bullying", "depressed"],
        "hours": ["Mon-Fri 2pm-7pm", "Mon-Thu 12:00-19:00"],
        "elig": {
            "min_age": 12,
            "max_age": 24,
            "populations": ["youth"],
            "text": "Young people ages 12-24; no parent consent needed from age 12",
        },
        "documents": ["None required"],
        "apply": ["Walk in after school or text to book a time."],
    },
    "peer_warmline": {
        "names": ["Peer Support Warm Line"],
        "categories": ["106-07", "108-07"],
        "descriptions": [
            "A non-crisis line answered by people with lived experience of mental health "
            "challenges, for anyone who is lonely, anxious or needs someone to talk to.",
        ],
        "keywords": ["lonely", "someone to talk to", "peer support", "warm line"],
        "hours": ["Daily 7am-11pm"],
        "documents": ["None required"],
        "apply": ["Call or text during open hours."],
        "remote": True,
    },
    "outpatient_sud": {
        "names": ["Outpatient Substance Use Treatment", "Outpatient Recovery Program"],
        "categories": ["106-01"],
        "descriptions": [
            "Group and individual counseling for alcohol and drug use, with evening groups "
            "for people who work and a family program.",
            "Intensive outpatient treatment three evenings a week, relapse prevention and "
            "recovery coaching; Medi-Cal accepted.",
        ],
        "extras": [
            "Family members are welcome in a weekly family group.",
        ],
        "keywords": ["drinking problem", "drugs", "addiction", "recovery", "rehab"],
        "hours": ["Mon-Thu 9am-8pm", "Mon-Fri 08:30-20:00"],
        "elig": {"min_age": 18, "text": "Adults 18 and older"},
        "cost": "sliding scale",
        "fees": "Medi-Cal accepted; sliding scale for uninsured clients",
        "documents": ["Photo ID", "Medi-Cal card if enrolled"],
        "apply": ["Call the county access line or walk in for an assessment."],
    },
    "withdrawal_management": {
        "names": ["Withdrawal Management Services", "Medically Monitored Withdrawal Management"],
        "categories": ["106-01"],
        "descriptions": [
            "Residential, medically monitored withdrawal management for adults with "
            "alcohol, benzodiazepine or opioid use disorders, followed by linkage to "
            "continuing care.",
            "ASAM level 3.7-WM services: 24-hour nursing, symptom management and "
            "medication-assisted stabilization for a typical stay of three to seven days.",
        ],
        "keywords": ["withdrawal management", "ASAM 3.7", "SUD", "stabilization"],
        "hours": ["24/7"],
        "elig": {"min_age": 18, "text": "Adults 18+ with Medi-Cal or no insurance"},
        "documents": ["Photo ID if available", "Medi-Cal card if enrolled"],
        "apply": ["Screening through the county behavioral health access line."],
    },
    "mat": {
        "names": ["Medication for Addiction Treatment (MAT)", "Opioid Treatment Program"],
        "categories": ["106-01", "106-06"],
        "descriptions": [
            "Buprenorphine and methadone treatment for opioid use disorder, with counseling "
            "and free naloxone.",
        ],
        "keywords": ["suboxone", "methadone", "opioids", "fentanyl", "heroin", "narcan"],
        "hours": ["Mon-Fri 6am-2pm; Sat 7am-10am"],
        "elig": {"min_age": 18, "text": "Adults 18 and older"},
        "cost": "sliding scale",
        "fees": "Medi-Cal accepted; no one denied for inability to pay",
        "documents": ["Photo ID", "Medi-Cal card if enrolled"],
        "apply": ["Walk in before 10am for a same-day assessment."],
    },
    "residential_sud": {
        "names": ["Residential Recovery Program"],
        "categories": ["106-01", "103-05"],
        "descriptions": [
            "A 30-to-90-day residential treatment program for alcohol and drug addiction, "
            "with individual counseling, groups, family sessions and help with aftercare "
            "housing.",
        ],
        "keywords": ["rehab", "residential treatment", "addiction", "sober living"],
        "hours": ["24/7"],
        "elig": {"min_age": 18, "text": "Adults 18+"},
        "cost": "sliding scale",
        "fees": "Medi-Cal accepted; private pay on a sliding scale",
        "documents": ["Photo ID", "TB test within 30 days"],
        "apply": ["Call for a phone assessment; waitlist typically one to three weeks."],
    },
    "sexual_health": {
        "names": ["Family Planning and Sexual Health", "Reproductive Health Clinic"],
        "categories": ["106-08"],
        "descriptions": [
            "Birth control, emergency contraception, pregnancy tests, STI testing and "
            "treatment; confidential care for teens.",
            "Confidential reproductive health services including IUDs and implants, STI and "
            "HIV testing, and Family PACT enrollment for free care.",
        ],
        "extras": [
            "Teens can be seen without a parent.",
        ],
        "keywords": ["birth control", "STD testing", "pregnancy test", "Plan B", "condoms"],
        "hours": ["Mon-Fri 9am-5pm", "Mon,Wed 10:00-18:00; Sat 09:00-13:00"],
        "cost": "sliding scale",
        "fees": "Free with Family PACT or Medi-Cal; sliding scale otherwise",
        "documents": ["Proof of income for Family PACT (self-declared accepted)"],
        "apply": ["Call or book online; walk-in STI testing Wednesday afternoons."],
    },
    "prenatal": {
        "names": ["Prenatal Care", "Pregnancy Care Program"],
        "categories": ["106-08", "106-06"],
        "descriptions": [
            "Prenatal visits, ultrasounds, childbirth classes and postpartum care, with "
            "help enrolling in pregnancy Medi-Cal.",
        ],
        "extras": [
            "Doulas and lactation counselors are part of the care team.",
        ],
        "keywords": ["pregnant", "pregnancy", "prenatal", "OB", "baby"],
        "hours": ["Mon-Fri 08:00-17:00"],
        "elig": {"populations": ["pregnant"], "text": "Pregnant people of any age"},
        "cost": "sliding scale",
        "fees": "Presumptive Medi-Cal enrollment on the first visit",
        "documents": ["Photo ID", "Proof of pregnancy if available"],
        "apply": ["Call for a first prenatal visit within two weeks."],
    },
    "hiv_testing": {
        "names": ["HIV and Hepatitis C Testing", "Free HIV/STI Testing"],
        "categories": ["106-08", "106-04"],
        "descriptions": [
            "Free, rapid HIV and hepatitis C tests with results in 20 minutes, plus PrEP "
            "navigation and linkage to care.",
        ],
        "extras": [
            "Free condoms and naloxone are available.",
        ],
        "keywords": ["HIV test", "PrEP", "hep C", "STD"],
        "hours": ["Tue,Thu 1pm-6pm", "Wed 4pm-8pm"],
        "documents": ["None required; testing can be anonymous"],
        "apply": ["Walk in."],
    },
    "health_ed": {
        "names": ["Diabetes Self-Management Classes", "Chronic Disease Self-Management Workshop"],
        "categories": ["106-04"],
        "descriptions": [
            "Six-week workshops on managing diabetes, high blood pressure or chronic pain, "
            "led by trained community health workers.",
        ],
        "keywords": ["diabetes class", "blood sugar", "high blood pressure", "health class"],
        "hours": ["Thu 10am-12:30pm", "Tue 6pm-8pm"],
        "documents": ["None required"],
        "apply": ["Register by phone."],
    },
    "insurance_enrollment": {
        "names": [
            "Health Coverage Enrollment",
            "Medi-Cal and Covered California Enrollment Assistance",
        ],
        "categories": ["106-05", "107-06"],
        "descriptions": [
            "Certified enrollment counselors help you apply for Medi-Cal, Covered "
            "California or the county's coverage program for people who do not qualify "
            "for Medi-Cal.",
            "Free help choosing and enrolling in health insurance, renewing Medi-Cal and "
            "solving billing problems, in person or by phone.",
        ],
        "extras": [
            "Counselors also help with Medi-Cal renewals and premium assistance.",
            "Evening and phone appointments are available.",
        ],
        "keywords": ["health insurance", "Medi-Cal", "Covered California", "no insurance"],
        "hours": ["Mon-Fri 9am-5pm", "Mon-Fri 08:30-17:00; Sat 09:00-12:00"],
        "documents": [
            "Photo ID",
            "Proof of income",
            "Proof of address",
            "Immigration papers if any (not required for all programs)",
        ],
        "apply": ["Call for an appointment or walk in."],
    },
    "charity_care": {
        "names": ["Hospital Financial Assistance (Charity Care)"],
        "categories": ["106-05"],
        "descriptions": [
            "Under the hospital's financial assistance policy, uninsured and underinsured "
            "patients may qualify for full or partial write-off of charges for medically "
            "necessary care.",
        ],
        "keywords": ["charity care", "financial assistance policy", "FAP", "uncompensated care"],
        "hours": ["Mon-Fri 08:00-16:30"],
        "elig": {
            "income_limit_fpl": 400,
            "text": "Patients with income up to 400% FPL; full write-off at or below 200%",
        },
        "documents": ["Hospital statement", "Proof of income", "Tax return if filed"],
        "apply": ["Ask the patient financial services office for an application, or call."],
    },
    "prescription_help": {
        "names": ["Prescription Assistance", "Medication Assistance Program"],
        "categories": ["106-05", "104-04"],
        "descriptions": [
            "Help paying for medicines: pharmacy discount cards, manufacturer assistance "
            "applications and a small fund for urgent prescriptions.",
        ],
        "keywords": ["prescriptions", "medicine cost", "pharmacy", "insulin"],
        "hours": ["Mon-Fri 9am-4pm"],
        "documents": ["List of medications", "Proof of income"],
        "apply": ["Call the pharmacy assistance line."],
    },
    "mobile_clinic": {
        "names": ["Mobile Health Van", "Mobile Medical Clinic"],
        "categories": ["106-06"],
        "descriptions": [
            "A medical van with a doctor and nurse parks at shelters, farms and "
            "neighborhood sites for check-ups, vaccines and urgent care on a weekly route.",
        ],
        "keywords": ["mobile clinic", "doctor", "vaccines", "health van"],
        "hours": ["Mon-Fri 9am-3pm"],
        "documents": ["None required"],
        "apply": ["Call for the weekly schedule and walk up to the van."],
        "remote": True,
    },
    "street_medicine": {
        "names": ["Street Medicine Outreach"],
        "categories": ["106-06", "106-07"],
        "descriptions": [
            "Outreach teams of a nurse practitioner and a case manager bring wound care, "
            "prescriptions, mental health support and housing referrals to people living "
            "outside.",
        ],
        "keywords": ["street medicine", "homeless health", "outreach", "wound care"],
        "hours": ["Mon-Fri 7am-3pm"],
        "elig": {"populations": ["homeless"], "text": "People who are unsheltered"},
        "documents": ["None required"],
        "apply": ["Call the outreach line to request a visit for yourself or someone else."],
        "remote": True,
    },
    "quitline": {
        "names": ["Tobacco and Vaping Quit Line"],
        "categories": ["106-04", "106-01"],
        "descriptions": [
            "Free coaching by phone, text or app to quit smoking, vaping or chewing tobacco, "
            "with free nicotine patches for eligible callers.",
        ],
        "keywords": ["quit smoking", "vaping", "cigarettes", "nicotine"],
        "hours": ["Mon-Fri 7am-9pm; Sat 9am-5pm"],
        "documents": ["None required"],
        "apply": ["Call, text or enroll online."],
        "area": "state",
        "remote": True,
    },
    "perinatal_line": {
        "names": ["Perinatal Mood Support Line"],
        "categories": ["106-07", "108-07"],
        "descriptions": [
            "Support by phone for pregnant people and new parents experiencing postpartum "
            "depression or anxiety, with referrals to therapists and weekly online groups.",
        ],
        "keywords": ["postpartum depression", "new mom", "baby blues", "anxiety"],
        "hours": ["Mon-Fri 9am-9pm"],
        "elig": {
            "populations": ["pregnant", "families"],
            "text": "Pregnant and postpartum parents and their partners",
        },
        "documents": ["None required"],
        "apply": ["Call or text; a volunteer returns messages within 24 hours."],
        "area": "state",
        "remote": True,
    },
    # ---- 107 Money -------------------------------------------------------------------------
    "vita": {
        "names": ["Free Tax Preparation (VITA)", "Free Tax Help"],
        "categories": ["107-07"],
        "descriptions": [
            "IRS-certified volunteers prepare and e-file federal and state returns for "
            "free, and help claim the Earned Income and Young Child tax credits.",
            "Free tax return preparation for working families, seniors and people with "
            "ITINs, including CalEITC and prior-year returns.",
        ],
        "extras": [
            "Returns can be dropped off and picked up the following week.",
        ],
        "keywords": ["taxes", "tax return", "EITC", "refund", "ITIN"],
        "hours": ["Tue,Thu 5pm-8pm; Sat 9am-1pm", "Mon-Sat 10:00-16:00"],
        "elig": {
            "text": "Households earning about $67,000 or less; tax season only "
            "(February to mid-April)"
        },
        "documents": [
            "Photo ID",
            "Social Security or ITIN cards for everyone on the return",
            "W-2s and 1099s",
            "Last year's return",
        ],
        "apply": ["Book an appointment online or by phone; some drop-off slots."],
    },
    "financial_coaching": {
        "names": ["Financial Coaching", "Money Management Coaching"],
        "categories": ["107-05"],
        "descriptions": [
            "Free one-on-one coaching on budgeting, paying down debt, building credit and "
            "saving, with follow-up sessions for six months.",
            "Certified coaches help clients pull and repair their credit reports, make a "
            "spending plan and deal with collectors.",
        ],
        "extras": [
            "Sessions can be held by phone or video.",
        ],
        "keywords": ["budget", "credit score", "debt", "savings", "money"],
        "hours": ["Mon-Fri 9am-6pm", "Wed 5pm-8pm; Sat 10am-1pm"],
        "documents": ["Recent bills and statements if available"],
        "apply": ["Book a first session online or by phone."],
    },
    "matched_savings": {
        "names": ["Matched Savings Program"],
        "categories": ["107-05", "107-02"],
        "descriptions": [
            "An Individual Development Account (IDA) program matching participants' "
            "deposits 2:1, up to $4,000, toward an asset goal such as education, a small "
            "business or a home purchase.",
        ],
        "keywords": ["IDA", "individual development account", "asset building"],
        "hours": ["Mon-Fri 09:00-17:00"],
        "elig": {"income_limit_fpl": 200, "text": "Working households at or below 200% FPL"},
        "documents": ["Proof of earned income", "Photo ID"],
        "apply": ["Attend an orientation, then enroll with a coach."],
    },
    "benefits_office": {
        "names": ["Public Benefits Enrollment", "CalWORKs, CalFresh and Medi-Cal Applications"],
        "categories": ["107-03", "102-06", "106-05"],
        "descriptions": [
            "Apply in person for CalWORKs cash aid, CalFresh food benefits, Medi-Cal and "
            "General Assistance; interpreters and same-day emergency CalFresh screening "
            "available.",
            "The county benefits office: applications, renewals and case changes for "
            "CalFresh, Medi-Cal, CalWORKs and child care payments.",
        ],
        "keywords": ["welfare", "food stamps", "Medi-Cal", "CalWORKs", "cash aid"],
        "hours": ["Mon-Fri 8am-5pm"],
        "documents": [
            "Photo ID",
            "Social Security numbers if you have them",
            "Proof of income",
            "Proof of address",
        ],
        "apply": ["Walk in, call, or apply online at BenefitsCal."],
    },
    "general_assistance": {
        "names": ["General Assistance"],
        "categories": ["107-03", "107-02"],
        "descriptions": [
            "County-funded cash aid and loans for indigent adults without dependent "
            "children who do not qualify for federal or state programs, with an "
            "employability plan.",
        ],
        "keywords": ["GA", "general relief", "indigent aid"],
        "hours": ["Mon-Fri 08:00-17:00"],
        "elig": {
            "min_age": 18,
            "income_limit_fpl": 80,
            "text": "County residents 18+ with income under about 80% FPL and no "
            "dependent children",
        },
        "documents": ["Photo ID", "Proof of residence", "Proof of income or no income"],
        "apply": ["Apply in person at a benefits office."],
    },
    "ssi_advocacy": {
        "names": ["SSI/SSDI Advocacy", "Disability Benefits Advocacy"],
        "categories": ["107-03", "111-04"],
        "descriptions": [
            "SOAR-model disability benefits advocacy: staff compile medical evidence and "
            "represent applicants at reconsideration and administrative law judge hearings.",
            "Help applying for and appealing Social Security disability benefits, "
            "especially for people who are homeless or have a mental illness.",
        ],
        "keywords": ["SSI", "disability", "Social Security", "SSDI", "appeal denied"],
        "hours": ["Mon-Fri 9am-5pm"],
        "elig": {
            "populations": ["disabled"],
            "text": "Adults with a disability that keeps them from working",
        },
        "documents": ["Photo ID", "Medical records or list of doctors", "Denial letter if any"],
        "apply": ["Call for an intake interview."],
    },
    "hicap": {
        "names": ["Medicare Counseling (HICAP)", "Medicare Choices Counseling"],
        "categories": ["107-06", "106-05"],
        "descriptions": [
            "Unbiased, free counseling on Medicare, Medicare Advantage, Part D drug plans, "
            "Medi-Cal for seniors and long-term care insurance.",
        ],
        "keywords": ["Medicare", "Part D", "supplement", "Medigap", "senior insurance"],
        "hours": ["Mon-Fri 9am-4pm"],
        "elig": {
            "populations": ["seniors", "disabled"],
            "text": "People on or about to turn 65 and qualify for Medicare, and their families",
        },
        "documents": ["Medicare card", "List of medications"],
        "apply": ["Call to schedule a phone or in-person appointment."],
    },
    "veterans_benefits": {
        "names": ["Veterans Benefits Assistance", "Veteran Services"],
        "categories": ["107-03", "108-05"],
        "descriptions": [
            "Accredited representatives help veterans and their survivors file claims for "
            "VA disability compensation, pension, health care and education benefits.",
        ],
        "keywords": ["VA", "veteran", "disability claim", "DD-214", "military"],
        "hours": ["Mon-Fri 8am-5pm"],
        "elig": {
            "populations": ["veterans"],
            "text": "Veterans, service members and their families",
        },
        "documents": ["DD-214", "Photo ID", "Medical records if filing a claim"],
        "apply": ["Walk in or call for an appointment."],
    },
    "benefits_online": {
        "names": ["Benefits Screening and Application Help"],
        "categories": ["107-03", "108-05"],
        "descriptions": [
            "Answer a few questions by phone or online to see which programs you may "
            "qualify for, such as CalFresh, Medi-Cal, WIC, utility discounts and tax "
            "credits, then get help applying.",
        ],
        "keywords": ["benefits", "what do I qualify for", "government help", "assistance"],
        "hours": ["Mon-Fri 8am-8pm; Sat 9am-1pm"],
        "documents": ["None to start"],
        "apply": ["Call or start online any time."],
        "area": "state",
        "remote": True,
    },
    "utility_discount": {
        "names": ["Utility Discount Enrollment"],
        "categories": ["107-02", "103-03"],
        "descriptions": [
            "Help enrolling in CARE and FERA discounts on gas and electric bills, water "
            "bill discounts and payment arrangements to avoid a shutoff.",
        ],
        "keywords": ["PG&E", "utility bill", "shutoff", "electric bill", "CARE discount"],
        "hours": ["Mon-Fri 9am-5pm"],
        "elig": {"income_limit_fpl": 200, "text": "Low-income households"},
        "documents": ["Recent utility bill", "Proof of income"],
        "apply": ["Call or walk in."],
    },
    # ---- 108 Care --------------------------------------------------------------------------
    "child_care_referral": {
        "names": ["Child Care Referrals", "Child Care Resource and Referral"],
        "categories": ["108-03", "108-05"],
        "descriptions": [
            "Free help finding licensed child care that fits your schedule, budget and "
            "neighborhood: a list of openings and tips on choosing a provider.",
            "Parents get personalized referrals to child care centers and family child "
            "care homes, plus help applying for child care payment programs.",
        ],
        "keywords": ["daycare", "child care", "babysitter", "infant care", "after school care"],
        "hours": ["Mon-Fri 9am-5pm", "Mon-Thu 08:30-17:30"],
        "elig": {
            "populations": ["families"],
            "text": "Parents and guardians of children birth to 12",
        },
        "documents": ["None required"],
        "apply": ["Call or request referrals online."],
    },
    "ece_subsidy": {
        "names": ["Early Childhood Education Subsidies", "Subsidized Early Learning Program"],
        "categories": ["108-03", "109-04"],
        "descriptions": [
            "Subsidized early care and education placements for income-eligible families "
            "with children from birth through age 12, through contracted centers and "
            "licensed family providers.",
            "Alternative Payment Program: vouchers paying licensed and license-exempt "
            "providers on behalf of eligible working or studying parents.",
        ],
        "keywords": ["ECE", "alternative payment", "CCTR", "CAPP", "subsidized care"],
        "hours": ["Mon-Fri 08:00-17:00"],
        "elig": {
            "max_age": 12,
            "populations": ["families"],
            "income_limit_fpl": 250,
            "text": "Families under 85% of state median income (about 250% FPL) who are "
            "working, in school or job training",
        },
        "documents": [
            "Proof of income",
            "Proof of work or school schedule",
            "Children's birth certificates",
        ],
        "apply": ["Submit an eligibility list application; families are enrolled by rank."],
    },
    "foster_care": {
        "names": ["Foster Care and Adoption", "Resource Family Program"],
        "categories": ["108-01"],
        "descriptions": [
            "Recruits, trains and supports resource families who foster or adopt children "
            "and teens from the county, with monthly support groups and respite.",
        ],
        "keywords": ["foster parent", "adoption", "foster", "become a foster family"],
        "hours": ["Mon-Fri 9am-5pm"],
        "elig": {"min_age": 21, "text": "Adults 21+ who pass a home study"},
        "documents": ["Photo ID", "Background check (Live Scan) arranged by staff"],
        "apply": ["Attend a free information session."],
    },
    "kinship": {
        "names": ["Kinship Caregiver Support", "Grandparents Raising Grandchildren"],
        "categories": ["108-01", "108-07"],
        "descriptions": [
            "Support groups, legal clinics, respite and emergency funds for grandparents "
            "and other relatives raising children.",
        ],
        "keywords": ["grandparents", "relative caregiver", "kinship", "guardianship"],
        "hours": ["Mon-Fri 9am-5pm"],
        "elig": {
            "populations": ["families"],
            "text": "Relatives caring for a child whose parents cannot",
        },
        "documents": ["None required"],
        "apply": ["Call the kinship line."],
    },
    "adult_day": {
        "names": ["Adult Day Program", "Memory Care Day Program"],
        "categories": ["108-03"],
        "descriptions": [
            "A safe daytime program with activities, meals and nursing oversight for older "
            "adults with dementia or frailty, giving family caregivers a break.",
        ],
        "extras": [
            "A van picks up participants in nearby cities.",
        ],
        "keywords": ["adult day care", "dementia", "Alzheimer's", "respite", "elderly"],
        "hours": ["Mon-Fri 8am-5:30pm"],
        "elig": {
            "min_age": 60,
            "populations": ["seniors"],
            "text": "Older adults who need supervision during the day",
        },
        "cost": "sliding scale",
        "fees": "$95 per day, sliding scale and scholarships available",
        "documents": ["Physician's report", "TB test"],
        "apply": ["Call for a tour and assessment."],
    },
    "cbas": {
        "names": ["Community-Based Adult Services (CBAS)"],
        "categories": ["108-03", "106-06"],
        "descriptions": [
            "A licensed adult day health care center offering skilled nursing, "
            "physical and occupational therapy, social work and meals to Medi-Cal members "
            "at risk of institutionalization.",
        ],
        "keywords": ["CBAS", "adult day health care", "ADHC", "skilled nursing"],
        "hours": ["Mon-Fri 08:00-16:00"],
        "elig": {
            "min_age": 18,
            "populations": ["seniors", "disabled"],
            "text": "Medi-Cal managed care members 18+ who meet nursing facility criteria",
        },
        "documents": ["Medi-Cal card", "Physician's order"],
        "apply": ["Referral by a doctor or health plan; a face-to-face assessment follows."],
    },
    "case_management": {
        "names": ["Case Management", "Care Coordination", "Family Navigator Program"],
        "categories": ["108-05"],
        "descriptions": [
            "A case manager works with you to sort out benefits, housing, health care and "
            "bills, and follows up until things are stable.",
            "Navigators help families get through complicated systems, such as schools, "
            "courts, benefits and health plans, and go with them to appointments.",
        ],
        "extras": [
            "Staff can meet at home, at a clinic or by phone.",
            "Clients keep the same case manager for up to a year.",
            "Small flexible funds cover costs such as ID fees or a bus pass.",
        ],
        "keywords": ["case manager", "social worker", "navigator", "help with everything"],
        "hours": ["Mon-Fri 9am-5pm", "Mon-Fri 08:30-17:00"],
        "documents": ["Photo ID"],
        "apply": ["Call or walk in for an intake."],
    },
    "aging_info": {
        "names": [
            "Aging and Adult Services Information Line",
            "Senior Information and Assistance",
        ],
        "categories": ["108-05"],
        "descriptions": [
            "One call for older adults, people with disabilities and caregivers to learn "
            "about in-home care, meals, transportation, adult protective services and "
            "benefits.",
        ],
        "keywords": ["senior services", "elderly help", "in-home care", "caregiver"],
        "hours": ["Mon-Fri 8am-5pm"],
        "elig": {
            "populations": ["seniors", "disabled"],
            "text": "Adults 60+, adults with disabilities and their caregivers",
        },
        "documents": ["None required"],
        "apply": ["Call."],
        "remote": True,
    },
    "caregiver_support": {
        "names": ["Family Caregiver Support", "Caregiver Resource Program"],
        "categories": ["108-07"],
        "descriptions": [
            "Counseling, training, support groups and short respite grants for people "
            "caring for an older or disabled family member.",
        ],
        "extras": [
            "Workshops cover dementia care, managing medications and burnout.",
            "Small grants pay for up to 20 hours of respite care.",
        ],
        "keywords": ["caregiver", "respite", "caring for parent", "burnout"],
        "hours": ["Mon-Fri 9am-5pm"],
        "documents": ["None required"],
        "apply": ["Call for a caregiver assessment."],
    },
    "support_group": {
        "names": ["Grief Support Groups", "Support Groups"],
        "categories": ["108-07", "106-07"],
        "descriptions": [
            "Free peer support groups for adults and children who have lost a loved one, "
            "meeting weekly in person and online.",
        ],
        "keywords": ["grief", "loss", "bereavement", "support group"],
        "hours": ["Tue 6pm-7:30pm", "Thu 10:00-11:30"],
        "documents": ["None required"],
        "apply": ["Call to join a group."],
    },
    "parenting": {
        "names": ["Parenting Classes", "Positive Parenting Workshops"],
        "categories": ["108-07", "109-03"],
        "descriptions": [
            "Free parenting classes on discipline, child development and stress, with "
            "child care and dinner provided; certificates for court or CPS.",
            "Small-group parenting workshops for parents of toddlers through teens, "
            "offered in English and Spanish.",
        ],
        "extras": [
            "Graduates receive a certificate of completion.",
        ],
        "keywords": ["parenting", "parent class", "discipline", "court-ordered class"],
        "hours": ["Wed 6pm-8pm", "Sat 10am-12pm", "Mon 5:30pm-7:30pm"],
        "elig": {"populations": ["families"], "text": "Parents and caregivers"},
        "documents": ["None required"],
        "apply": ["Register by phone; sessions start every eight weeks."],
    },
    "residential_care_placement": {
        "names": ["Assisted Living and Board-and-Care Placement Help"],
        "categories": ["108-06", "108-05"],
        "descriptions": [
            "Free advice for families looking for an assisted living or board-and-care "
            "home: levels of care, costs, Medi-Cal waiver beds and what to ask on a tour.",
        ],
        "keywords": ["assisted living", "board and care", "nursing home", "elderly parent"],
        "hours": ["Mon-Fri 9am-5pm"],
        "elig": SENIORS_60,
        "documents": ["None required"],
        "apply": ["Call for a consultation."],
        "remote": True,
    },
    "residential_care_home": {
        "names": ["Residential Care for the Elderly"],
        "categories": ["108-06"],
        "descriptions": [
            "A licensed six-bed residential care home offering 24-hour supervision, "
            "medication assistance, meals and personal care for older adults.",
        ],
        "keywords": ["board and care", "RCFE", "assisted living", "care home"],
        "hours": ["24/7"],
        "elig": SENIORS_60,
        "cost": "fee",
        "fees": "From $5,200 per month; Assisted Living Waiver accepted for two beds",
        "documents": ["Physician's report", "TB test", "Medication list"],
        "apply": ["Call for a tour and pre-admission assessment."],
    },
    "after_school": {
        "names": ["After-School Program", "After-School Club"],
        "categories": ["108-03", "109-03"],
        "descriptions": [
            "Homework help, snacks, sports and art for elementary and middle school "
            "students until 6pm on school days.",
            "A free after-school program with tutoring, STEM projects and outdoor play; "
            "pickup from nearby schools.",
        ],
        "extras": [
            "Snacks are provided every day.",
            "Older students help younger ones in a reading buddies program.",
        ],
        "keywords": ["after school", "child care", "homework help", "kids program"],
        "hours": ["Mon-Fri 2:30pm-6pm"],
        "elig": {
            "min_age": 5,
            "max_age": 13,
            "populations": ["youth"],
            "text": "Children in kindergarten through 8th grade",
        },
        "documents": ["Enrollment form", "Emergency contact card"],
        "apply": ["Enroll in person; spaces fill in August."],
    },
    "disability_navigation": {
        "names": ["Disability Services Navigation", "Independent Living Services"],
        "categories": ["108-05", "104-04"],
        "descriptions": [
            "Peer counselors with disabilities help with independent living skills, "
            "assistive technology, accessible housing searches and In-Home Supportive "
            "Services applications.",
        ],
        "keywords": ["disability", "independent living", "IHSS", "assistive technology"],
        "hours": ["Mon-Fri 9am-5pm"],
        "elig": {"populations": ["disabled"], "text": "People with any disability"},
        "documents": ["None required"],
        "apply": ["Call, email or walk in."],
    },
    # ---- 109 Education ---------------------------------------------------------------------
    "preschool": {
        "names": ["Free Preschool", "State Preschool Program", "Head Start Preschool"],
        "categories": ["109-04"],
        "descriptions": [
            "Free part-day and full-day preschool for three- and four-year-olds, with "
            "meals, developmental screenings and family support.",
            "Play-based preschool that gets children ready for kindergarten, with bilingual "
            "teachers and parent workshops.",
        ],
        "extras": [
            "Bus service is available from some neighborhoods.",
        ],
        "keywords": ["preschool", "pre-K", "Head Start", "kindergarten readiness"],
        "hours": ["Mon-Fri 8am-12pm", "Mon-Fri 07:30-17:30"],
        "elig": {
            "min_age": 3,
            "max_age": 5,
            "populations": ["families"],
            "income_limit_fpl": 100,
            "text": "Children 3-5; priority for families at or below the poverty level, "
            "foster children and children with disabilities",
        },
        "documents": [
            "Child's birth certificate",
            "Immunization record",
            "Proof of income",
            "Proof of address",
        ],
        "apply": ["Fill out an application at the center or online; enrollment is year-round."],
    },
    "esl": {
        "names": [
            "English Classes for Adults (ESL)",
            "ESL Classes",
            "English Conversation Circle",
        ],
        "categories": ["109-03"],
        "descriptions": [
            "Free English classes at beginning, intermediate and advanced levels, with "
            "child care during some classes.",
            "Learn English for work, for your children's school and for everyday life in "
            "small, friendly classes taught by volunteers.",
        ],
        "extras": [
            "Classes focus on speaking and listening for work and daily life.",
            "Online classes are offered for learners who cannot attend in person.",
            "Books are free, and learners can join at any time.",
        ],
        "keywords": ["English class", "ESL", "learn English", "ESOL"],
        "hours": ["Mon,Wed 6pm-8:30pm", "Tue,Thu 9am-11:30am", "Sat 09:00-12:00"],
        "elig": {"min_age": 18, "text": "Adults 18+"},
        "documents": ["None required"],
        "apply": ["Come to a placement test on the first Monday of the month."],
    },
    "ged": {
        "names": ["High School Equivalency (GED/HiSET) Prep"],
        "categories": ["109-03"],
        "descriptions": [
            "Free classes and tutoring to pass the GED or HiSET exam, in English or "
            "Spanish, with vouchers for the test fee.",
        ],
        "keywords": ["GED", "high school diploma", "HiSET", "finish school"],
        "hours": ["Mon-Thu 6pm-9pm"],
        "elig": {"min_age": 18, "text": "Adults 18+ without a high school diploma"},
        "documents": ["Photo ID"],
        "apply": ["Attend an orientation; classes start monthly."],
    },
    "school_enrollment": {
        "names": ["School Enrollment Help for Newcomer Families"],
        "categories": ["109-01", "111-05"],
        "descriptions": [
            "Family liaisons help newly arrived families enroll children in public school, "
            "get records and vaccines in order, and understand their rights.",
        ],
        "keywords": ["enroll in school", "newcomer", "school registration", "immigrant"],
        "hours": ["Mon-Fri 8am-4pm"],
        "elig": {
            "populations": ["immigrants", "families"],
            "text": "Newcomer families with school-age children",
        },
        "documents": [
            "Child's birth certificate or passport",
            "Proof of address",
            "Vaccine records if available",
        ],
        "apply": ["Call or walk in."],
    },
    "college_access": {
        "names": ["College and Career Access", "Pathways to College"],
        "categories": ["109-01", "109-03"],
        "descriptions": [
            "Mentors help students choose and apply to college or trade school, file the "
            "FAFSA or Dream Act application and find scholarships.",
        ],
        "keywords": ["college", "FAFSA", "financial aid", "scholarship", "trade school"],
        "hours": ["Mon-Thu 3pm-7pm"],
        "elig": {
            "min_age": 14,
            "max_age": 24,
            "populations": ["youth"],
            "text": "Young people ages 14-24",
        },
        "documents": ["Transcripts if available"],
        "apply": ["Sign up online or drop in after school."],
    },
    "tutoring": {
        "names": ["Homework Help and Tutoring"],
        "categories": ["109-03"],
        "descriptions": [
            "Free one-on-one tutoring in reading and math for students in grades 1-12, "
            "with volunteer tutors and bilingual staff.",
        ],
        "extras": [
            "Tutors also help students who are learning English.",
            "Parents receive a short progress report each month.",
        ],
        "keywords": ["tutor", "homework", "reading help", "math help"],
        "hours": ["Mon-Thu 3:30pm-6pm"],
        "elig": {
            "min_age": 6,
            "max_age": 18,
            "populations": ["youth"],
            "text": "Students in grades 1-12",
        },
        "documents": ["Enrollment form signed by a parent"],
        "apply": ["Enroll at the front desk."],
    },
    "digital_literacy": {
        "names": ["Computer and Digital Skills Classes", "Digital Literacy Lab"],
        "categories": ["109-06", "110-03"],
        "descriptions": [
            "Learn to use a computer and smartphone: email, video calls, online job "
            "applications and staying safe online. Free refurbished laptops for graduates.",
        ],
        "keywords": ["computer class", "internet", "email", "free laptop", "smartphone"],
        "hours": ["Tue,Thu 10am-12pm", "Sat 1pm-3pm"],
        "documents": ["None required"],
        "apply": ["Sign up at the front desk or by phone."],
    },
    "citizenship": {
        "names": ["Citizenship Preparation Classes"],
        "categories": ["109-03", "111-01"],
        "descriptions": [
            "Classes to prepare for the naturalization interview and civics test, plus "
            "free help filling out the N-400 and fee waiver requests.",
        ],
        "keywords": ["citizenship", "naturalization", "N-400", "civics test"],
        "hours": ["Sat 9am-12pm", "Tue 6:30pm-8:30pm"],
        "elig": {"populations": ["immigrants"], "text": "Lawful permanent residents"},
        "documents": ["Green card", "Photo ID"],
        "apply": ["Register by phone."],
    },
    "adult_literacy": {
        "names": ["Adult Literacy Tutoring", "Adult Reading Program"],
        "categories": ["109-03"],
        "descriptions": [
            "Trained volunteer tutors meet one-on-one with English-speaking adults who want "
            "to improve their reading, writing and math.",
            "Free reading and writing help for adults, at the library and at partner sites, "
            "with family storytime for learners' children.",
        ],
        "keywords": ["reading", "literacy", "learn to read", "writing help"],
        "hours": ["Mon-Thu 10am-8pm; Sat 10am-5pm", "Tue-Sat 10:00-17:00"],
        "elig": {"min_age": 18, "text": "Adults 18+"},
        "documents": ["None required"],
        "apply": ["Call the literacy office for an intake interview."],
    },
    # ---- 110 Work --------------------------------------------------------------------------
    "job_search": {
        "names": ["Job Search Assistance", "Employment Services", "Job Center"],
        "categories": ["110-01"],
        "descriptions": [
            "Help with resumes, job applications and interview practice, plus computers, "
            "printing and daily job listings.",
            "Career counselors connect job seekers with local employers, hiring events and "
            "paid training, and help with unemployment insurance questions.",
            "A free job center with workshops, one-on-one career coaching and access to "
            "on-the-job training funds.",
        ],
        "extras": [
            "Hiring events bring local employers on site every month.",
            "Staff answer unemployment insurance questions by appointment.",
        ],
        "keywords": ["job", "work", "resume", "unemployed", "hiring", "employment"],
        "hours": ["Mon-Fri 8:30am-5pm", "Mon-Thu 09:00-18:00; Fri 09:00-13:00"],
        "elig": {"min_age": 18, "text": "Adults 18+"},
        "documents": ["Photo ID", "Resume if you have one"],
        "apply": ["Walk in or attend a weekly orientation."],
    },
    "job_training": {
        "names": ["Job Training Program", "Career Training"],
        "categories": ["110-03", "109-06"],
        "descriptions": [
            "Paid, hands-on job training with certification and job placement help at the "
            "end of the program.",
            "A 12-week training course with classroom and on-the-job learning, a weekly "
            "stipend and support with child care and transportation.",
        ],
        "extras": [
            "Students receive a stipend, work clothes and help with child care.",
            "Most graduates are hired by partner employers within three months.",
        ],
        "keywords": ["job training", "certificate", "career", "learn a trade"],
        "hours": ["Mon-Fri 8am-3pm"],
        "elig": {"min_age": 18, "text": "Adults 18+ who are unemployed or underemployed"},
        "documents": ["Photo ID", "Proof of work authorization"],
        "apply": ["Attend an information session and interview."],
    },
    "supported_employment": {
        "names": ["Supported Employment", "Individual Placement and Support (IPS)"],
        "categories": ["110-04"],
        "descriptions": [
            "Individualized supported employment using the IPS model: rapid job search, "
            "job development with employers and time-unlimited follow-along supports for "
            "people with serious mental illness.",
            "Job coaches help people with intellectual and developmental disabilities find "
            "and keep competitive, integrated jobs.",
        ],
        "keywords": ["IPS", "job coach", "vocational rehabilitation", "competitive employment"],
        "hours": ["Mon-Fri 08:30-17:00"],
        "elig": {
            "min_age": 18,
            "populations": ["disabled"],
            "text": "Adults 18+ with a disability",
        },
        "documents": [
            "Referral from a clinician, regional center or the Department of Rehabilitation"
        ],
        "apply": ["Ask your clinician or counselor for a referral."],
    },
    "workers_rights": {
        "names": ["Workers' Rights Clinic", "Wage Theft Clinic"],
        "categories": ["110-05", "111-01"],
        "descriptions": [
            "Free advice for workers who were not paid, were paid below minimum wage, were "
            "denied breaks or sick leave, or were fired unfairly; help filing wage claims.",
        ],
        "keywords": ["unpaid wages", "wage theft", "fired", "minimum wage", "overtime"],
        "hours": ["Wed 5pm-8pm", "Mon,Thu 10:00-14:00"],
        "documents": ["Pay stubs, schedules or texts with the employer if you have them"],
        "apply": ["Walk in to the evening clinic or call the workers' line."],
    },
    "youth_jobs": {
        "names": ["Youth Employment Program", "Summer Jobs and Internships"],
        "categories": ["110-01", "110-03"],
        "descriptions": [
            "Paid internships, job-readiness workshops and mentoring for young people "
            "ages 16 to 24 who are out of school or out of work.",
        ],
        "extras": [
            "Participants earn a stipend while they train.",
        ],
        "keywords": ["teen jobs", "first job", "internship", "summer job"],
        "hours": ["Mon-Fri 10am-6pm"],
        "elig": {
            "min_age": 16,
            "max_age": 24,
            "populations": ["youth"],
            "text": "Youth ages 16-24",
        },
        "documents": ["Photo ID", "Work permit for those under 18"],
        "apply": ["Apply online; cohorts start in January and June."],
    },
    "veteran_jobs": {
        "names": ["Veterans Employment Services"],
        "categories": ["110-01", "110-03"],
        "descriptions": [
            "Career counseling, translation of military experience into civilian resumes, "
            "and priority referrals to employers that hire veterans.",
        ],
        "keywords": ["veteran jobs", "military", "career", "resume"],
        "hours": ["Mon-Fri 9am-4pm"],
        "elig": {"populations": ["veterans"], "text": "Veterans and eligible spouses"},
        "documents": ["DD-214", "Photo ID"],
        "apply": ["Call or walk in."],
    },
    "day_labor": {
        "names": ["Day Worker Center"],
        "categories": ["110-01", "110-05"],
        "descriptions": [
            "A safe, fair hiring hall where day laborers and household workers connect with "
            "employers at a set minimum wage, with safety training and English classes.",
        ],
        "keywords": ["day labor", "jornaleros", "day work", "household workers"],
        "hours": ["Mon-Sat 6:30am-1pm"],
        "documents": ["None required"],
        "apply": ["Register in person at the center."],
    },
    "reentry_jobs": {
        "names": ["Reentry Employment Program"],
        "categories": ["110-03", "110-01"],
        "descriptions": [
            "Transitional jobs, job readiness training and employer connections for people "
            "returning home from jail or prison, with help clearing records.",
        ],
        "keywords": ["felony", "after prison", "reentry", "second chance jobs", "parole"],
        "hours": ["Mon-Fri 8am-4pm"],
        "elig": {"min_age": 18, "text": "Adults with a conviction history"},
        "documents": ["Photo ID", "Parole or probation contact if any"],
        "apply": ["Referral from probation or parole, or walk in to orientation on Mondays."],
    },
    "senior_jobs": {
        "names": ["Senior Community Service Employment Program (SCSEP)"],
        "categories": ["110-03", "110-01"],
        "descriptions": [
            "Part-time, paid community service training assignments at nonprofit and public "
            "host agencies for unemployed low-income older adults, leading to unsubsidized "
            "employment.",
        ],
        "keywords": ["SCSEP", "older worker", "Title V"],
        "hours": ["Mon-Fri 08:00-16:30"],
        "elig": {
            "min_age": 55,
            "populations": ["seniors"],
            "income_limit_fpl": 125,
            "text": "Unemployed adults 55+ with income at or below 125% FPL",
        },
        "documents": ["Photo ID", "Proof of age", "Proof of income"],
        "apply": ["Call for an eligibility appointment."],
    },
    # ---- 111 Legal -------------------------------------------------------------------------
    "legal_aid": {
        "names": ["Free Legal Help", "Civil Legal Aid", "Legal Advice Clinic"],
        "categories": ["111-01"],
        "descriptions": [
            "Free civil legal advice and representation for low-income residents on "
            "housing, public benefits, family law, consumer debt and health access.",
            "Attorneys and paralegals help with evictions, benefits denials, debt "
            "collection, and restraining orders for people who cannot afford a lawyer.",
            "Walk-in legal advice clinic; volunteer lawyers review papers, explain "
            "deadlines and help fill out court forms.",
        ],
        "extras": [
            "Interpreters are provided at no cost.",
            "Monthly workshops cover tenant rights and debt.",
        ],
        "keywords": ["lawyer", "attorney", "legal help", "free lawyer", "court"],
        "hours": ["Mon-Fri 9am-5pm", "Tue 5:30pm-8pm", "Mon-Thu 09:00-16:00"],
        "elig": {
            "income_limit_fpl": 200,
            "text": "Low-income residents (generally under 200% of the poverty guideline)",
        },
        "documents": ["Photo ID", "All papers related to the legal problem"],
        "apply": [
            "Call the intake line; urgent court deadlines are seen first.",
            "Apply online or walk in during clinic hours.",
        ],
    },
    "eviction_defense": {
        "names": ["Eviction Defense", "Tenant Eviction Defense Project"],
        "categories": ["111-04", "103-04"],
        "descriptions": [
            "Attorneys represent tenants who have been served with an unlawful detainer "
            "(eviction lawsuit), including filing an answer within the deadline.",
            "Free lawyers for renters facing eviction; call right away if you receive court "
            "papers, because you may have only ten court days to respond.",
        ],
        "extras": [
            "Staff also negotiate move-out agreements and sealed records.",
        ],
        "keywords": ["eviction", "unlawful detainer", "court papers", "tenant lawyer"],
        "hours": ["Mon-Fri 9am-5pm"],
        "elig": {"income_limit_fpl": 250, "text": "Tenants with income under about 250% FPL"},
        "documents": ["All notices and court papers", "Lease", "Rent receipts"],
        "apply": ["Call the eviction hotline as soon as you get court papers."],
    },
    "immigration_legal": {
        "names": ["Immigration Legal Services", "Immigration Legal Clinic"],
        "categories": ["111-01", "111-04"],
        "descriptions": [
            "DOJ-accredited representatives and attorneys help with DACA renewals, green "
            "cards, citizenship, U visas, asylum and removal defense.",
            "Low-cost immigration consultations and case representation; screening for "
            "relief for people in detention or facing deportation.",
        ],
        "extras": [
            "Know-your-rights workshops are held monthly.",
        ],
        "keywords": ["immigration lawyer", "green card", "DACA", "asylum", "deportation", "visa"],
        "hours": ["Mon-Fri 9am-5pm", "Tue,Thu 10:00-15:00"],
        "elig": {"populations": ["immigrants"], "text": "Immigrants and their families"},
        "cost": "sliding scale",
        "fees": "Free consultation; low-cost fees for application help; USCIS fees extra",
        "documents": ["Passport or ID", "All immigration papers"],
        "apply": ["Call for a consultation appointment."],
    },
    "record_clearance": {
        "names": ["Criminal Record Clearance", "Clean Slate Clinic"],
        "categories": ["111-01", "110-01"],
        "descriptions": [
            "Free help with expungements, record sealing and reducing old felonies to "
            "misdemeanors so a record does not block jobs or housing.",
        ],
        "keywords": ["expungement", "criminal record", "clean slate", "background check"],
        "hours": ["2nd Thu 5pm-8pm", "Mon-Fri 9am-5pm"],
        "documents": ["Photo ID", "RAP sheet if you have it (staff can help request one)"],
        "apply": ["Register for the next clinic by phone."],
    },
    "benefits_appeals": {
        "names": ["Public Benefits Appeals"],
        "categories": ["111-04", "107-03"],
        "descriptions": [
            "Lawyers help people whose CalFresh, Medi-Cal, CalWORKs, SSI or IHSS was "
            "denied, cut or stopped, including representation at state hearings.",
        ],
        "keywords": ["benefits denied", "appeal", "state hearing", "cut off"],
        "hours": ["Mon-Fri 9am-5pm"],
        "elig": {"income_limit_fpl": 200, "text": "Low-income residents"},
        "documents": ["Notice of action", "Photo ID"],
        "apply": ["Call as soon as you get a notice; there are deadlines to appeal."],
    },
    "mediation": {
        "names": [
            "Community Mediation",
            "Landlord-Tenant Mediation",
            "Neighbor Dispute Mediation",
        ],
        "categories": ["111-02"],
        "descriptions": [
            "Trained mediators help neighbors, landlords and tenants, roommates and family "
            "members resolve conflicts without going to court.",
            "Free, confidential mediation for rent disputes, repairs, noise and shared "
            "property problems, in person or by video.",
        ],
        "keywords": ["mediation", "dispute", "conflict", "neighbor problem", "landlord dispute"],
        "hours": ["Mon-Fri 9am-5pm", "Mon-Thu 09:00-19:00"],
        "documents": ["Any letters or agreements about the dispute"],
        "apply": ["Call to open a case; the other side is contacted by staff."],
    },
    "interpretation": {
        "names": ["Over-the-Phone Interpretation", "Community Interpreter Line"],
        "categories": ["111-05"],
        "descriptions": [
            "Free phone interpreters for residents with limited English during calls with "
            "schools, landlords, clinics and public agencies.",
        ],
        "keywords": ["interpreter", "translator", "language help", "limited English"],
        "hours": ["Mon-Fri 8am-6pm"],
        "elig": {"populations": ["immigrants"], "text": "Residents with limited English"},
        "documents": ["None required"],
        "apply": ["Call and ask for your language."],
        "remote": True,
    },
    "translation": {
        "names": ["Document Translation"],
        "categories": ["111-05"],
        "descriptions": [
            "Certified translation of birth certificates, diplomas and court documents, "
            "and interpreters for appointments.",
        ],
        "keywords": ["translation", "certified translation", "documents", "interpreter"],
        "hours": ["Mon-Fri 9am-5pm"],
        "cost": "fee",
        "fees": "$35 per page; discounts for CalFresh recipients",
        "documents": ["The documents to be translated"],
        "apply": ["Drop off documents or email scans."],
    },
    "lawyer_referral": {
        "names": ["Lawyer Referral Service"],
        "categories": ["111-04"],
        "descriptions": [
            "Refers callers to screened private attorneys for a reduced-fee first "
            "consultation in family, employment, injury, landlord-tenant and estate cases.",
        ],
        "keywords": ["find a lawyer", "attorney referral", "consultation"],
        "hours": ["Mon-Fri 9am-12pm; Mon-Fri 1pm-4pm"],
        "cost": "fee",
        "fees": "$35 for a 30-minute consultation",
        "documents": ["None required"],
        "apply": ["Call or request a referral online."],
        "remote": True,
    },
    "elder_law": {
        "names": ["Senior Legal Services"],
        "categories": ["111-01"],
        "descriptions": [
            "Free legal help for older adults with elder abuse, scams, housing, powers of "
            "attorney, advance directives and Medi-Cal long-term care.",
        ],
        "keywords": ["elder abuse", "will", "power of attorney", "scam", "senior lawyer"],
        "hours": ["Mon-Fri 9am-4pm"],
        "elig": SENIORS_60,
        "documents": ["Photo ID", "Related papers"],
        "apply": ["Call for an appointment; home visits for homebound seniors."],
    },
    "family_law": {
        "names": ["Family Law Self-Help Center"],
        "categories": ["111-01", "111-04"],
        "descriptions": [
            "Help with court forms for divorce, custody, child support and guardianship, "
            "with a family law facilitator available for questions.",
        ],
        "keywords": ["divorce", "custody", "child support", "court forms", "guardianship"],
        "hours": ["Mon-Thu 8:30am-12pm; Mon-Thu 1:30pm-4pm"],
        "documents": ["Any court papers", "Photo ID"],
        "apply": ["Walk in; first come, first served."],
    },
    "consumer_debt": {
        "names": ["Debt and Consumer Law Clinic"],
        "categories": ["111-01", "107-05"],
        "descriptions": [
            "Advice on debt collection lawsuits, wage garnishment, car repossession, "
            "predatory loans and scams.",
        ],
        "keywords": ["debt collector", "garnishment", "sued for debt", "scam"],
        "hours": ["1st and 3rd Wed 5pm-8pm"],
        "documents": ["Collection letters and court papers"],
        "apply": ["Call to reserve a clinic slot."],
    },
    # ---- Places that meet several needs ---------------------------------------------------
    "family_core": {
        "names": [
            "Family Support Services",
            "Core Family Resource Services",
            "Family Resource Center",
        ],
        "categories": ["102-04", "103-03", "107-03"],
        "descriptions": [
            "A neighborhood family resource center: weekly food pantry, help with rent and "
            "utility bills, and enrollment in CalFresh, Medi-Cal and CalWORKs, all in one "
            "visit.",
            "Drop in for groceries, emergency rent help, benefits applications, child care "
            "referrals and a case manager who speaks your language.",
            "One-stop help for families: food, rent and deposit assistance, public benefits "
            "and referrals to counseling, child care and legal aid.",
        ],
        "extras": [
            "Case managers can also help with school, immigration and health insurance questions.",
            "Children's activities run while parents meet with staff.",
            "Monthly workshops cover budgeting, tenant rights and parenting.",
        ],
        "keywords": ["family resource center", "food", "rent help", "benefits", "help"],
        "hours": [
            "Mon-Fri 09:00-17:00; Sat 10:00-14:00",
            "Mon-Thu 9am-6pm; Fri 9am-1pm",
            "Mon-Fri 8:30am-5:30pm",
        ],
        "elig": {
            "income_limit_fpl": 250,
            "text": "Low-income residents; priority for families with children",
        },
        "documents": ["Photo ID", "Proof of address", "Proof of income for rent assistance"],
        "apply": [
            "Walk in; a case manager will meet with you the same day.",
            "Call or walk in for an intake; bring documents for rent help.",
        ],
        "area": "nearby",
    },
    "newcomer_center": {
        "names": ["Immigrant Welcome Center", "Newcomer Services"],
        "categories": ["108-05", "111-05", "109-01"],
        "descriptions": [
            "Newcomers get help with ID cards, school enrollment, health coverage, "
            "interpretation and know-your-rights workshops in a welcoming space.",
        ],
        "extras": [
            "Know-your-rights workshops are held each month.",
        ],
        "keywords": ["immigrant", "newcomer", "refugee", "asylum seeker", "interpreter"],
        "hours": ["Mon-Fri 9am-5pm", "Mon-Thu 10:00-18:00"],
        "elig": {
            "populations": ["immigrants"],
            "text": "Immigrants and refugees, regardless of status",
        },
        "documents": ["None required"],
        "apply": ["Walk in."],
    },
    "homeless_drop_in": {
        "names": ["Drop-In Navigation Center", "Day Center"],
        "categories": ["103-02", "102-05", "104-02"],
        "descriptions": [
            "A daytime drop-in center with showers, laundry, mail, hot breakfast, clothing "
            "and housing navigators for people experiencing homelessness.",
            "Breakfast and lunch, phone charging, showers, a clothing room and case "
            "managers who help with ID, benefits and housing applications.",
        ],
        "extras": [
            "Guests can use the center as their mailing address.",
        ],
        "keywords": ["homeless", "day center", "shower", "mail", "breakfast"],
        "hours": ["Mon-Fri 7am-3pm", "Daily 08:00-16:00"],
        "elig": {"populations": ["homeless"], "text": "People experiencing homelessness"},
        "documents": ["None required"],
        "apply": ["Walk in."],
    },
    "veterans_hub": {
        "names": ["Veterans Resource Center"],
        "categories": ["107-03", "103-02", "110-01"],
        "descriptions": [
            "A one-stop center for veterans: VA benefits claims, help finding housing with "
            "HUD-VASH vouchers, job search and peer support.",
        ],
        "keywords": ["veteran", "VA", "HUD-VASH", "military", "vet center"],
        "hours": ["Mon-Fri 8:30am-4:30pm"],
        "elig": {"populations": ["veterans"], "text": "Veterans of any era and their families"},
        "documents": ["DD-214 if available (staff can help request it)", "Photo ID"],
        "apply": ["Walk in or call."],
    },
    "senior_center": {
        "names": ["Senior Center", "Older Adult Community Center"],
        "categories": ["108-07", "102-05", "108-05"],
        "descriptions": [
            "Classes, exercise, social events and a daily lunch for older adults, with a "
            "social worker on site for help with benefits and housing.",
            "A friendly gathering place for seniors: fitness, computer help, trips, "
            "lunch and information on in-home care and transportation.",
        ],
        "extras": [
            "Free blood pressure checks and tax help are offered in season.",
            "Day trips, tai chi and ESL classes fill quickly, so sign up early.",
        ],
        "keywords": ["senior center", "elderly", "seniors", "activities", "lonely"],
        "hours": ["Mon-Fri 8:30am-4:30pm", "Mon-Fri 09:00-16:00"],
        "elig": {"min_age": 50, "populations": ["seniors"], "text": "Adults 50+; lunch for 60+"},
        "documents": ["None required"],
        "apply": ["Walk in and register at the front desk."],
        "area": "city",
    },
    "youth_drop_in": {
        "names": ["Youth Drop-In Center"],
        "categories": ["103-01", "106-07", "110-01"],
        "descriptions": [
            "A drop-in space for young people 14-24 who are homeless or at risk: meals, "
            "showers, counseling, job help and emergency beds.",
        ],
        "keywords": ["homeless youth", "teen", "young adult", "drop-in", "runaway"],
        "hours": ["Daily 10am-8pm"],
        "elig": {
            "min_age": 14,
            "max_age": 24,
            "populations": ["youth", "homeless"],
            "text": "Youth ages 14-24",
        },
        "documents": ["None required"],
        "apply": ["Walk in."],
    },
    "lgbtq_center": {
        "names": ["LGBTQ+ Community Center"],
        "categories": ["108-07", "106-07"],
        "descriptions": [
            "Support groups, counseling, community events and resource navigation for "
            "LGBTQ+ people of all ages, including a youth night and a trans support circle.",
        ],
        "keywords": ["LGBTQ", "gay", "trans", "queer", "support group"],
        "hours": ["Tue-Fri 12pm-8pm; Sat 12pm-5pm"],
        "elig": {"populations": ["lgbtq"], "text": "LGBTQ+ people and their families"},
        "documents": ["None required"],
        "apply": ["Drop in or call."],
    },
    "farmworker": {
        "names": ["Farmworker Family Services"],
        "categories": ["102-04", "107-03", "111-05"],
        "descriptions": [
            "Food distribution, help applying for benefits and interpretation for "
            "farmworker and rural families, with evening hours after field work.",
        ],
        "keywords": ["farmworker", "campesinos", "rural", "food", "benefits"],
        "hours": ["Mon-Fri 9am-7pm"],
        "elig": {
            "populations": ["immigrants", "families"],
            "text": "Farmworker and rural families on the South Coast",
        },
        "documents": ["None required"],
        "apply": ["Walk in."],
        "area": "coast",
    },
}

# --------------------------------------------------------------------------------------------
# Organizations
# --------------------------------------------------------------------------------------------
#
# Each organization has a ``slug`` (its stable id), a ``name``, a ``region`` ("smc", "sf" or
# "scc"), default ``languages`` (ISO 639-1 codes), its ``sites`` as ``(key, city, ZIP)`` or
# ``(key, city, ZIP, languages)`` tuples, and its ``services``. A service is a kind from
# KINDS, or a dict naming the kind plus what differs: ``sites`` (keys of the sites it runs
# at; all sites by default), ``status`` (for all sites, or a dict by site key), ``slug`` (when
# the organization runs one kind twice), ``name`` and ``description`` (fixed texts instead
# of the kind's options), ``note`` (a sentence added to the description), ``variant`` (the
# index of the kind's description to use), ``languages``, or any other key of a kind.
# Optional organization keys: ``phone_area`` (area code of the main line), ``lang_style``
# ("names" to spell languages out), ``verified`` (the year-month its records were checked),
# and ``domain`` (the email and web host under example.org).

ORGANIZATIONS: list[dict[str, Any]] = [
    {
        "slug": "second-loaf",
        "name": "Second Loaf Food Network",
        "region": "smc",
        "languages": ["en", "es", "zh", "tl"],
        "sites": [
            ("dc", "Daly City", "94014", ["en", "tl", "zh", "es"]),
            ("ssf", "South San Francisco", "94080"),
            ("sb", "San Bruno", "94066"),
            ("pac", "Pacifica", "94044", ["en", "es"]),
            ("sm", "San Mateo", "94401", ["en", "es", "zh", "to"]),
            ("bel", "Belmont", "94002", ["en", "zh", "ru"]),
            ("rwc", "Redwood City", "94063", ["en", "es"]),
            ("epa", "East Palo Alto", "94303", ["en", "es", "to", "sm"]),
            ("hmb", "Half Moon Bay", "94019", ["en", "es"]),
            ("mp", "Menlo Park", "94025", ["en", "es"]),
        ],
        "services": [
            {
                "kind": "food_pantry",
                "status": {"sb": "inactive", "bel": "temporarily closed"},
                "note": "Part of the Second Loaf network of neighborhood pantries.",
            },
            "mobile_pantry",
            {"kind": "calfresh_help", "remote": True},
            "grocery_delivery",
            {
                "kind": "senior_lunch",
                "slug": "senior-brown-bag",
                "sites": ["sm", "dc"],
                "name": "Senior Brown Bag Groceries",
                "categories": ["102-04", "102-07"],
                "description": "A monthly bag of groceries and fresh produce for low-income "
                "older adults, picked up at the pantry or delivered by volunteers.",
                "elig": {
                    "min_age": 60,
                    "populations": ["seniors"],
                    "income_limit_fpl": 200,
                    "text": "Adults 60+ with income under 200% FPL",
                },
                "fees": "",
            },
        ],
    },
    {
        "slug": "bayside-frc",
        "name": "Bayside Family Resource Center",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [
            ("nfo", "North Fair Oaks", "94063", ["en", "es"]),
            ("epa", "East Palo Alto", "94303", ["en", "es", "to", "sm"]),
            ("smn", "San Mateo", "94403", ["en", "es", "zh"]),
        ],
        "services": [
            {"kind": "family_core", "note": "Walk-ins welcome; no appointment needed."},
            {
                "kind": "rent_assist",
                "sites": ["nfo", "epa"],
                "status": {"epa": "temporarily closed"},
            },
            {"kind": "child_care_referral", "sites": ["nfo"]},
            {"kind": "diaper_bank", "sites": ["nfo", "epa"]},
            {"kind": "parenting", "sites": ["smn"]},
            {"kind": "calfresh_help", "sites": ["smn"]},
            {"kind": "esl", "sites": ["nfo"]},
            {"kind": "utility_discount", "sites": ["epa"]},
            {"kind": "gas_cards", "sites": ["epa"]},
        ],
    },
    {
        "slug": "fogline-coastside",
        "name": "Fogline Coastside Family Center",
        "region": "smc",
        "languages": ["en", "es"],
        "verified": "2026-06",
        "sites": [("hmb", "Half Moon Bay", "94019"), ("pes", "Pescadero", "94060")],
        "services": [
            {"kind": "family_core", "area": "coast"},
            {"kind": "rent_assist", "sites": ["hmb"], "area": "coast"},
            {"kind": "farmworker", "sites": ["pes"], "languages": ["es"]},
            {"kind": "esl", "sites": ["hmb"]},
            {"kind": "insurance_enrollment", "area": "coast"},
            {"kind": "clothing_closet", "sites": ["pes"]},
            "coast_shuttle",
            {"kind": "emergency_food_bag", "area": "coast"},
            {
                "kind": "vita",
                "sites": ["hmb"],
                "status": "temporarily closed",
                "note": "Tax season appointments open in late January.",
            },
            {
                "kind": "case_management",
                "sites": ["pes"],
                "name": "Rural Family Navigator",
                "area": "coast",
            },
        ],
    },
    {
        "slug": "harbor-light",
        "name": "Harbor Light Shelter Collective",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [
            ("smn", "San Mateo", "94401"),
            ("rwc", "Redwood City", "94063"),
            ("mp", "Menlo Park", "94025"),
            ("ssf", "South San Francisco", "94080", ["en", "es", "tl"]),
        ],
        "services": [
            {"kind": "mens_shelter", "sites": ["smn"]},
            {"kind": "family_shelter", "sites": ["rwc"]},
            {"kind": "womens_shelter", "sites": ["ssf"]},
            {"kind": "emergency_shelter", "sites": ["mp"]},
            {"kind": "safe_parking", "sites": ["rwc", "mp"]},
            {"kind": "winter_shelter", "sites": ["ssf"], "status": "temporarily closed"},
            {"kind": "housing_navigation", "sites": ["smn", "rwc"]},
            {"kind": "homeless_drop_in", "sites": ["smn"]},
            {"kind": "move_in_help", "sites": ["rwc"]},
            {
                "kind": "gas_cards",
                "sites": ["smn"],
                "name": "Bus Passes for Shelter Guests",
                "elig": {"populations": ["homeless"], "text": "Current shelter guests"},
            },
        ],
    },
    {
        "slug": "cypress-hollow-health",
        "name": "Cypress Hollow Community Health",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [
            ("dc", "Daly City", "94015", ["en", "tl", "zh", "es"]),
            ("smn", "San Mateo", "94401", ["en", "es", "zh", "vi"]),
            ("rwc", "Redwood City", "94063", ["en", "es"]),
            ("epa", "East Palo Alto", "94303", ["en", "es", "to", "sm"]),
        ],
        "services": [
            "primary_care",
            {
                "kind": "dental",
                "sites": ["dc", "rwc"],
                "status": {"rwc": "temporarily closed"},
                "note": "The Redwood City dental suite is closed for remodeling.",
            },
            {"kind": "vision", "sites": ["smn"]},
            {"kind": "prenatal", "sites": ["rwc", "epa"]},
            {"kind": "insurance_enrollment", "sites": ["dc", "smn", "rwc", "epa"]},
            "mobile_clinic",
            "kids_dental_van",
            {
                "kind": "mental_health",
                "sites": ["epa", "dc"],
                "name": "Integrated Behavioral Health",
            },
            {"kind": "health_ed", "sites": ["rwc"]},
            {"kind": "produce_rx", "sites": ["epa"]},
        ],
    },
    {
        "slug": "tidewater-legal",
        "name": "Tidewater Legal Collective",
        "region": "smc",
        "languages": ["en", "es", "zh", "tl"],
        "sites": [("rwc", "Redwood City", "94063"), ("dc", "Daly City", "94014")],
        "services": [
            "legal_aid",
            "eviction_defense",
            {"kind": "immigration_legal", "sites": ["rwc"]},
            {"kind": "record_clearance", "sites": ["rwc"]},
            {"kind": "benefits_appeals", "sites": ["dc"]},
            {"kind": "tenant_counseling", "remote": True, "name": "Tenant Rights Hotline"},
            {"kind": "consumer_debt", "sites": ["dc"]},
            {"kind": "elder_law", "sites": ["rwc"]},
        ],
    },
    {
        "slug": "sunbeam-relief",
        "name": "Sunbeam Eviction Relief Fund",
        "region": "smc",
        "languages": ["en", "es"],
        "verified": "2024-05",
        "sites": [("rwc", "Redwood City", "94063")],
        "services": [
            {
                "kind": "rent_assist",
                "status": "defunct",
                "cost": "free",
                "name": "Emergency Rent Relief Grants",
                "elig": {},
                "area": "county",
            },
            {"kind": "tenant_counseling", "status": "defunct"},
        ],
    },
    {
        "slug": "kestrel-crisis",
        "name": "Kestrel Crisis Line",
        "region": "smc",
        "languages": ["en", "es", "zh", "vi", "tl"],
        "sites": [],
        "services": [
            "crisis_line",
            "peer_warmline",
            "mobile_crisis",
            {
                "kind": "crisis_line",
                "slug": "teen-text-line",
                "name": "Teen Crisis Text Line",
                "status": "defunct",
                "elig": {"max_age": 19, "populations": ["youth"], "text": "Teens 13-19"},
                "description": "Text-based crisis support for teens. This line was merged into "
                "the main crisis line.",
            },
        ],
    },
    {
        "slug": "safe-harbor-survivors",
        "name": "SafeHarbor Survivors' Network",
        "region": "smc",
        "languages": ["en", "es", "tl", "zh"],
        "sites": [("smn", "San Mateo", "94402")],
        "services": [
            "dv_hotline",
            "dv_shelter",
            "restraining_order",
            "sexual_assault_advocacy",
            {
                "kind": "support_group",
                "name": "Survivors' Support Groups",
                "description": "Weekly support groups for survivors of domestic violence, in "
                "English and Spanish, with child care during evening groups.",
                "keywords": ["domestic violence", "survivor", "support group"],
            },
            {
                "kind": "transitional_housing",
                "remote": True,
                "name": "Survivor Transitional Housing",
                "elig": {
                    "genders": ["female"],
                    "populations": ["families"],
                    "text": "Survivors of domestic violence and their children",
                },
                "note": "Confidential locations.",
            },
        ],
    },
    {
        "slug": "marigold-senior",
        "name": "Marigold Senior Services",
        "region": "smc",
        "languages": ["en", "es", "zh"],
        "sites": [
            ("smn", "San Mateo", "94403"),
            ("dc", "Daly City", "94015", ["en", "tl", "zh", "ru"]),
            ("rwc", "Redwood City", "94061"),
            ("pac", "Pacifica", "94044"),
        ],
        "services": [
            {"kind": "senior_center", "sites": ["smn", "dc", "pac"]},
            {
                "kind": "senior_lunch",
                "sites": ["smn", "dc", "rwc", "pac"],
                "status": {"pac": "temporarily closed"},
            },
            {"kind": "home_meals", "sites": ["rwc"]},
            "medical_rides",
            "aging_info",
            {"kind": "caregiver_support", "sites": ["smn"]},
            {"kind": "adult_day", "sites": ["smn"]},
            {"kind": "home_repair", "sites": ["rwc"]},
            "residential_care_placement",
        ],
    },
    {
        "slug": "heron-point-recovery",
        "name": "Heron Point Recovery Center",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("bur", "Burlingame", "94010"), ("rwc", "Redwood City", "94063")],
        "services": [
            {"kind": "withdrawal_management", "sites": ["bur"]},
            {
                "kind": "residential_sud",
                "sites": ["bur"],
                "name": "Men's Residential Recovery",
                "elig": {"min_age": 18, "genders": ["male"], "text": "Men 18 and older"},
            },
            {
                "kind": "residential_sud",
                "slug": "womens-residential",
                "sites": ["rwc"],
                "name": "Women and Children's Residential Recovery",
                "description": "Residential addiction treatment where mothers can live with "
                "their children under 12, with parenting support, prenatal care coordination "
                "and trauma-informed counseling.",
                "elig": {
                    "min_age": 18,
                    "genders": ["female"],
                    "populations": ["pregnant", "families"],
                    "text": "Women 18+, including pregnant women and mothers with children",
                },
            },
            {"kind": "outpatient_sud", "sites": ["rwc"]},
            {"kind": "mat", "sites": ["rwc"]},
        ],
    },
    {
        "slug": "gray-gull-detox",
        "name": "Gray Gull Sobering and Detox House",
        "region": "smc",
        "languages": ["en"],
        "verified": "2023-09",
        "sites": [("ssf", "South San Francisco", "94080")],
        "services": [
            {
                "kind": "withdrawal_management",
                "status": "defunct",
                "name": "Social Model Detox",
                "description": "A 16-bed non-medical detox and sobering center where "
                "people can safely come down from alcohol or drugs and get referred to "
                "treatment.",
                "keywords": ["detox", "sobering center", "drunk", "alcohol"],
            },
        ],
    },
    {
        "slug": "bayview-crisis",
        "name": "Bayview Psychiatric Emergency Center",
        "region": "smc",
        "languages": ["en", "es", "zh", "tl"],
        "sites": [("smn", "San Mateo", "94403")],
        "services": [
            "psych_emergency",
            {
                "kind": "transitional_housing",
                "name": "Crisis Residential Program",
                "categories": ["106-07", "103-05"],
                "description": "A short-term residential alternative to psychiatric "
                "hospitalization for adults in acute crisis, with average stays of two weeks.",
                "keywords": ["crisis residential", "CRT", "psychiatric step-down"],
                "elig": {"min_age": 18, "text": "Adults 18+ referred by a clinician"},
                "hours": ["24/7"],
            },
        ],
    },
    {
        "slug": "little-acorns",
        "name": "Little Acorns Early Learning",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [
            ("epa", "East Palo Alto", "94303", ["en", "es", "to"]),
            ("rwc", "Redwood City", "94063"),
            ("ssf", "South San Francisco", "94080", ["en", "es", "tl"]),
            ("sc", "San Carlos", "94070", ["en", "es", "zh"]),
        ],
        "services": [
            {"kind": "preschool", "sites": ["epa", "rwc", "ssf"]},
            {"kind": "ece_subsidy", "sites": ["sc"]},
            {
                "kind": "preschool",
                "slug": "infant-toddler",
                "sites": ["rwc"],
                "name": "Infant and Toddler Center",
                "categories": ["108-03", "109-04"],
                "description": "Full-day early learning for babies and toddlers from six weeks "
                "to three years, with low teacher ratios and home-language support.",
                "elig": {
                    "max_age": 3,
                    "populations": ["families"],
                    "income_limit_fpl": 250,
                    "text": "Working or studying families with children under 3",
                },
                "status": "inactive",
                "keywords": ["infant care", "toddler", "baby daycare"],
            },
        ],
    },
    {
        "slug": "kite-string",
        "name": "Kite String Child Care Connections",
        "region": "smc",
        "languages": ["en", "es", "zh", "tl"],
        "sites": [("smn", "San Mateo", "94401")],
        "services": [
            "child_care_referral",
            {
                "kind": "ece_subsidy",
                "slug": "payment-program",
                "variant": 0,
                "name": "Early Childhood Education Subsidies",
            },
            {
                "kind": "case_management",
                "name": "Family Child Care Provider Support",
                "categories": ["108-03", "110-03"],
                "description": "Training, licensing help and start-up grants for people who "
                "want to open a licensed family child care home.",
                "keywords": ["start a daycare", "child care license", "provider training"],
            },
        ],
    },
    {
        "slug": "pelican-youth",
        "name": "Pelican Youth Services",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [
            ("smn", "San Mateo", "94401"),
            ("dc", "Daly City", "94014", ["en", "tl", "es"]),
            ("rwc", "Redwood City", "94063"),
            ("epa", "East Palo Alto", "94303"),
        ],
        "services": [
            {"kind": "youth_drop_in", "sites": ["smn"]},
            {"kind": "youth_shelter", "sites": ["smn"]},
            {"kind": "youth_counseling", "sites": ["dc", "rwc"]},
            {"kind": "youth_jobs", "sites": ["rwc"]},
            {"kind": "college_access", "sites": ["epa"]},
            {
                "kind": "gas_cards",
                "sites": ["rwc"],
                "name": "Youth Transit Passes",
                "elig": {
                    "min_age": 14,
                    "max_age": 24,
                    "populations": ["youth"],
                    "text": "Youth ages 14-24 in a Pelican program",
                },
            },
            {
                "kind": "transitional_housing",
                "slug": "tay-housing",
                "sites": ["rwc"],
                "name": "Transitional Housing for Young Adults",
                "elig": {
                    "min_age": 18,
                    "max_age": 24,
                    "populations": ["youth", "homeless"],
                    "text": "Young adults 18-24, including those leaving foster care",
                },
            },
        ],
    },
    {
        "slug": "rainbow-tide",
        "name": "Rainbow Tide LGBTQ+ Center",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("smn", "San Mateo", "94401")],
        "services": [
            "lgbtq_center",
            "hiv_testing",
            {
                "kind": "mental_health",
                "name": "Affirming Counseling",
                "elig": {
                    "populations": ["lgbtq"],
                    "text": "LGBTQ+ individuals, couples and families",
                },
            },
            {
                "kind": "youth_counseling",
                "name": "Queer Youth Night",
                "elig": {
                    "min_age": 13,
                    "max_age": 20,
                    "populations": ["lgbtq", "youth"],
                    "text": "LGBTQ+ and questioning youth ages 13-20",
                },
                "hours": ["Thu 5pm-8pm"],
            },
        ],
    },
    {
        "slug": "steady-steps-veterans",
        "name": "Steady Steps Veterans Alliance",
        "region": "smc",
        "languages": ["en", "es", "tl"],
        "sites": [("mp", "Menlo Park", "94025"), ("sb", "San Bruno", "94066")],
        "services": [
            {"kind": "veterans_hub", "sites": ["mp"]},
            {"kind": "veteran_jobs", "sites": ["mp", "sb"]},
            {"kind": "veterans_benefits", "sites": ["sb"]},
            {
                "kind": "transitional_housing",
                "slug": "vet-housing",
                "sites": ["mp"],
                "name": "Veterans Transitional Housing",
                "elig": {
                    "min_age": 18,
                    "populations": ["veterans", "homeless"],
                    "text": "Homeless veterans; other-than-dishonorable discharge",
                },
            },
        ],
    },
    {
        "slug": "tollgate-workforce",
        "name": "Tollgate Workforce Partners",
        "region": "smc",
        "languages": ["en", "es", "zh"],
        "sites": [
            ("ssf", "South San Francisco", "94080"),
            ("smn", "San Mateo", "94402"),
            ("rwc", "Redwood City", "94065"),
        ],
        "services": [
            "job_search",
            {
                "kind": "job_training",
                "sites": ["smn"],
                "name": "Certified Nursing Assistant Training",
                "note": "Graduates are prepared for the state CNA exam.",
            },
            {
                "kind": "job_training",
                "slug": "biotech-training",
                "sites": ["ssf"],
                "name": "Biotech Manufacturing Technician Training",
                "status": "inactive",
            },
            {"kind": "digital_literacy", "sites": ["rwc"]},
            {"kind": "senior_jobs", "sites": ["smn"]},
            {"kind": "work_attire", "sites": ["ssf"]},
        ],
    },
    {
        "slug": "granite-works",
        "name": "Granite Works Supported Employment",
        "region": "smc",
        "languages": ["en"],
        "sites": [("bel", "Belmont", "94002")],
        "services": [
            "supported_employment",
            {
                "kind": "job_training",
                "name": "Janitorial and Landscaping Crew Training",
                "elig": {
                    "min_age": 18,
                    "populations": ["disabled"],
                    "text": "Adults with disabilities",
                },
            },
        ],
    },
    {
        "slug": "harvest-table",
        "name": "Harvest Table Community Kitchen",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("rwc", "Redwood City", "94063"), ("rwc2", "Redwood City", "94061")],
        "services": [
            {"kind": "free_meals", "sites": ["rwc"]},
            {
                "kind": "job_training",
                "sites": ["rwc"],
                "name": "Culinary Job Training",
                "note": "Trainees cook the community meal as part of the course.",
            },
            {
                "kind": "free_meals",
                "slug": "soup-supper",
                "sites": ["rwc2"],
                "name": "Saint Lupine Soup Supper",
                "hours": ["Sun 4pm-6pm"],
                "description": "Soup, bread and salad every Sunday afternoon in the parish "
                "garden, for anyone who is hungry.",
            },
            {
                "kind": "hygiene_program",
                "sites": ["rwc2"],
                "remote": False,
                "name": "Shower and Laundry Mornings",
                "hours": ["Mon,Thu 7am-10am"],
            },
            {
                "kind": "summer_meals",
                "sites": ["rwc"],
                "name": "Kids' Summer Lunch",
                "status": "temporarily closed",
            },
        ],
    },
    {
        "slug": "lighthouse-hill",
        "name": "Lighthouse Hill Fellowship Suppers",
        "region": "smc",
        "languages": ["en", "tl"],
        "lang_style": "names",
        "sites": [("dc", "Daly City", "94014"), ("pac", "Pacifica", "94044")],
        "services": [
            {"kind": "free_meals", "status": {"pac": "inactive"}},
            {"kind": "food_pantry", "sites": ["dc"]},
        ],
    },
    {
        "slug": "threadline",
        "name": "Threadline Clothing Closet",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("ssf", "South San Francisco", "94080"), ("rwc", "Redwood City", "94061")],
        "services": [
            "clothing_closet",
            {"kind": "household_kits", "sites": ["ssf"]},
        ],
    },
    {
        "slug": "nestwell-baby",
        "name": "Nestwell Baby Supply Bank",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("sc", "San Carlos", "94070"), ("epa", "East Palo Alto", "94303")],
        "services": [
            {"kind": "diaper_bank", "status": {"sc": "temporarily closed"}},
            "baby_gear",
        ],
    },
    {
        "slug": "homeward-furniture",
        "name": "Homeward Furniture Bank",
        "region": "smc",
        "languages": ["en"],
        "sites": [("sc", "San Carlos", "94070")],
        "services": ["furniture_bank", "household_kits"],
    },
    {
        "slug": "second-stride",
        "name": "Second Stride Mobility Closet",
        "region": "smc",
        "languages": ["en", "es", "zh"],
        "sites": [("smn", "San Mateo", "94404"), ("pac", "Pacifica", "94044")],
        "services": ["dme_loan"],
    },
    {
        "slug": "coastal-commute",
        "name": "Coastal Commute Alliance",
        "region": "smc",
        "languages": ["en", "es", "zh"],
        "sites": [("rwc", "Redwood City", "94063"), ("epa", "East Palo Alto", "94303")],
        "services": [
            "transit_discount",
            {"kind": "gas_cards", "sites": ["rwc"]},
            {"kind": "bike_program", "sites": ["epa"]},
            "paratransit",
        ],
    },
    {
        "slug": "open-hearth-energy",
        "name": "Open Hearth Energy Services",
        "region": "smc",
        "languages": ["en", "es", "zh"],
        "sites": [
            ("smn", "San Mateo", "94401"),
            ("hmb", "Half Moon Bay", "94019", ["en", "es"]),
            ("epa", "East Palo Alto", "94303"),
        ],
        "services": [
            {"kind": "liheap", "name": "LIHEAP Energy Assistance", "variant": 0},
            "weatherization",
        ],
    },
    {
        "slug": "brightledger",
        "name": "BrightLedger Financial Coaching",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [
            ("smn", "San Mateo", "94401"),
            ("epa", "East Palo Alto", "94303"),
            ("rwc", "Redwood City", "94063"),
            ("dc", "Daly City", "94014", ["en", "tl", "zh"]),
        ],
        "services": [
            {"kind": "financial_coaching", "sites": ["smn", "epa"]},
            {"kind": "matched_savings", "sites": ["smn"]},
            {"kind": "vita", "sites": ["smn", "rwc", "dc", "epa"], "status": {"dc": "inactive"}},
            {
                "kind": "homelessness_prevention",
                "sites": ["epa"],
                "name": "Housing Stabilization Fund",
                "description": "Flexible financial assistance to prevent housing loss, covering "
                "arrears and relocation costs for income-qualified households with a documented "
                "housing crisis, followed by financial coaching.",
            },
            {"kind": "first_time_buyer", "sites": ["smn"]},
        ],
    },
    {
        "slug": "peninsula-benefits",
        "name": "Peninsula Public Benefits Office",
        "region": "smc",
        "languages": ["en", "es", "zh", "tl", "vi", "ru"],
        "sites": [
            ("dc", "Daly City", "94014"),
            ("smn", "San Mateo", "94403"),
            ("rwc", "Redwood City", "94063"),
            ("epa", "East Palo Alto", "94303"),
            ("hmb", "Half Moon Bay", "94019", ["en", "es"]),
            ("ssf", "South San Francisco", "94080"),
        ],
        "services": [
            {
                "kind": "benefits_office",
                "status": {"ssf": "inactive"},
                "note": "Open to residents of any city in the county.",
            },
            {"kind": "general_assistance", "sites": ["smn", "rwc"]},
            {
                "kind": "homelessness_prevention",
                "sites": ["rwc"],
                "variant": 0,
                "name": "Homelessness Prevention Program",
            },
            {"kind": "emergency_cash", "sites": ["smn"], "name": "Emergency Assistance Payments"},
            {
                "kind": "calfresh_help",
                "slug": "calfresh-phone",
                "remote": True,
                "name": "CalFresh Phone Interviews and Renewals",
            },
        ],
    },
    {
        "slug": "sequoia-trail",
        "name": "Sequoia Trail Disability Advocates",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("sc", "San Carlos", "94070")],
        "services": [
            "ssi_advocacy",
            "disability_navigation",
            {
                "kind": "dme_loan",
                "name": "Assistive Technology Lending Library",
                "description": "Try and borrow assistive technology such as screen readers, "
                "hearing amplifiers, adapted phones and communication devices.",
            },
        ],
    },
    {
        "slug": "medicare-compass",
        "name": "Medicare Compass Counseling",
        "region": "smc",
        "languages": ["en", "es", "zh", "ru"],
        "sites": [("smn", "San Mateo", "94402")],
        "services": [
            "hicap",
            {
                "kind": "hicap",
                "slug": "hicap-line",
                "remote": True,
                "name": "Medicare Helpline",
                "description": "Call to compare Medicare drug plans during open enrollment, "
                "check whether you qualify for Extra Help or a Medicare Savings Program, or "
                "sort out a billing problem.",
            },
        ],
    },
    {
        "slug": "welcome-bridge",
        "name": "Welcome Bridge Immigrant Services",
        "region": "smc",
        "languages": ["en", "es", "zh", "ar", "hi"],
        "sites": [
            ("dc", "Daly City", "94014", ["en", "tl", "zh", "es", "ar"]),
            ("rwc", "Redwood City", "94063", ["en", "es", "hi"]),
        ],
        "services": [
            "newcomer_center",
            {"kind": "citizenship", "sites": ["dc"]},
            {"kind": "school_enrollment", "sites": ["rwc"]},
            "interpretation",
            {"kind": "esl", "sites": ["dc"]},
            {
                "kind": "immigration_legal",
                "sites": ["dc"],
                "status": "inactive",
                "note": "Consultations by appointment.",
            },
        ],
    },
    {
        "slug": "open-door-mediation",
        "name": "Open Door Mediation Center",
        "region": "smc",
        "languages": ["en", "es", "zh"],
        "sites": [("smn", "San Mateo", "94401")],
        "services": [
            "mediation",
            {
                "kind": "mediation",
                "slug": "family-mediation",
                "name": "Family and Parent-Teen Mediation",
                "description": "Mediators help parents and teens, separated "
                "parents and extended families talk through conflicts and make agreements.",
                "keywords": ["family conflict", "parent teen", "co-parenting"],
            },
        ],
    },
    {
        "slug": "quill-lamp",
        "name": "Quill and Lamp Adult Literacy",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [
            ("rwc", "Redwood City", "94063"),
            ("ssf", "South San Francisco", "94080"),
            ("hmb", "Half Moon Bay", "94019"),
        ],
        "services": [
            "adult_literacy",
            {"kind": "ged", "sites": ["rwc"]},
            {"kind": "digital_literacy", "sites": ["ssf"]},
            {"kind": "tutoring", "sites": ["hmb"]},
        ],
    },
    {
        "slug": "fair-wage",
        "name": "Fair Wage Workers' Center",
        "region": "smc",
        "languages": ["es", "en"],
        "sites": [("rwc", "Redwood City", "94063"), ("hmb", "Half Moon Bay", "94019")],
        "services": [
            "workers_rights",
            {"kind": "day_labor", "sites": ["rwc"], "languages": ["es"]},
            {"kind": "esl", "sites": ["hmb"], "name": "English for Workers"},
        ],
    },
    {
        "slug": "clearview-eye",
        "name": "Clearview Eye Collective",
        "region": "smc",
        "languages": ["en", "es", "zh"],
        "sites": [("dc", "Daly City", "94015"), ("bur", "Burlingame", "94010")],
        "services": [
            {"kind": "vision", "status": {"bur": "defunct"}},
            {
                "kind": "vision",
                "slug": "kids-vision",
                "remote": True,
                "name": "School Vision Screening Van",
                "elig": {
                    "min_age": 4,
                    "max_age": 18,
                    "populations": ["youth"],
                    "text": "Students in preschool through 12th grade",
                },
                "cost": "free",
                "fees": "",
            },
        ],
    },
    {
        "slug": "willow-grove",
        "name": "Willow Grove Counseling Center",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("bel", "Belmont", "94002"), ("mp", "Menlo Park", "94025")],
        "services": [
            "mental_health",
            {"kind": "support_group", "sites": ["bel"]},
            {"kind": "parenting", "sites": ["mp"]},
            {
                "kind": "mental_health",
                "slug": "older-adult-counseling",
                "sites": ["bel"],
                "name": "Older Adult Counseling",
                "elig": SENIORS_60,
                "description": "Counseling for older adults coping with loss, loneliness, "
                "illness or caring for a spouse. Home visits available for homebound clients.",
            },
        ],
    },
    {
        "slug": "kinfolk-circle",
        "name": "Kinfolk Circle Foster and Kinship Services",
        "region": "smc",
        "languages": ["en", "es", "to"],
        "sites": [("rwc", "Redwood City", "94061")],
        "services": [
            "foster_care",
            "kinship",
            {
                "kind": "case_management",
                "name": "Foster Youth Advocates",
                "elig": {
                    "max_age": 21,
                    "populations": ["youth"],
                    "text": "Youth in foster care up to age 21",
                },
            },
        ],
    },
    {
        "slug": "evergreen-day",
        "name": "Evergreen Adult Day Health",
        "region": "smc",
        "languages": ["en", "zh", "tl", "ru"],
        "sites": [("ssf", "South San Francisco", "94080")],
        "services": ["cbas", "adult_day", "caregiver_support"],
    },
    {
        "slug": "meadowlark-care",
        "name": "Meadowlark Residential Care Home",
        "region": "smc",
        "languages": ["en", "tl"],
        "sites": [("sc", "San Carlos", "94070")],
        "services": ["residential_care_home"],
    },
    {
        "slug": "tideline-housing",
        "name": "Tideline Transitional Housing",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("rwc", "Redwood City", "94062"), ("smn", "San Mateo", "94401")],
        "services": [
            {
                "kind": "transitional_housing",
                "sites": ["rwc"],
                "elig": {
                    "populations": ["families", "homeless"],
                    "text": "Homeless families with children",
                },
            },
            {"kind": "supportive_housing", "sites": ["smn"]},
            {"kind": "rapid_rehousing", "remote": True},
            {"kind": "home_sharing", "sites": ["smn"]},
        ],
    },
    {
        "slug": "garden-path",
        "name": "Garden Path Nutrition Collaborative",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [
            ("rwc", "Redwood City", "94063"),
            ("dc", "Daly City", "94014", ["en", "tl", "zh", "es"]),
            ("epa", "East Palo Alto", "94303", ["en", "es", "to", "sm"]),
            ("smn", "San Mateo", "94401", ["en", "es", "zh"]),
            ("hmb", "Half Moon Bay", "94019"),
        ],
        "services": [
            {"kind": "wic", "sites": ["rwc", "dc", "epa", "smn", "hmb"]},
            {"kind": "nutrition_ed", "sites": ["rwc"]},
            {"kind": "market_match", "sites": ["smn"]},
        ],
    },
    {
        "slug": "summer-sprouts",
        "name": "Summer Sprouts Meals for Kids",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [
            ("epa", "East Palo Alto", "94303"),
            ("sb", "San Bruno", "94066"),
            ("dc", "Daly City", "94014"),
        ],
        "services": [
            {
                "kind": "summer_meals",
                "status": "temporarily closed",
                "note": "Summer program; returns in June.",
            }
        ],
    },
    {
        "slug": "aster-family-law",
        "name": "Aster Family Law Self-Help Center",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("rwc", "Redwood City", "94063")],
        "services": ["family_law", {"kind": "translation", "name": "Court Document Translation"}],
    },
    {
        "slug": "gavel-grove",
        "name": "Gavel and Grove Lawyer Referral Service",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [],
        "services": ["lawyer_referral"],
    },
    {
        "slug": "fresh-ledger-reentry",
        "name": "Fresh Ledger Reentry Network",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("rwc", "Redwood City", "94063"), ("smn", "San Mateo", "94401")],
        "services": [
            {"kind": "reentry_jobs", "sites": ["rwc"]},
            {"kind": "record_clearance", "sites": ["smn"]},
            {
                "kind": "case_management",
                "sites": ["smn"],
                "name": "Reentry Navigation",
                "elig": {
                    "min_age": 18,
                    "text": "Adults released from jail or prison in the last year",
                },
            },
        ],
    },
    {
        "slug": "heartwood-hospital",
        "name": "Heartwood Valley Hospital",
        "region": "smc",
        "languages": ["en", "es", "zh", "tl", "ru"],
        "sites": [("bur", "Burlingame", "94010")],
        "services": [
            "charity_care",
            "prescription_help",
            "sexual_health",
            {
                "kind": "gas_cards",
                "name": "Patient Transportation Vouchers",
                "description": "Taxi and rideshare vouchers for patients who have no way to get "
                "to follow-up visits, dialysis or cancer treatment at the hospital.",
                "elig": {"text": "Current hospital patients referred by a social worker"},
            },
        ],
    },
    {
        "slug": "beacon-street-clinic",
        "name": "Beacon Street Volunteer Clinic",
        "region": "smc",
        "languages": ["en", "es", "to"],
        "sites": [("epa", "East Palo Alto", "94303")],
        "services": [
            {
                "kind": "primary_care",
                "name": "Free Evening Clinic",
                "cost": "free",
                "fees": "",
                "hours": ["Tue,Thu 6pm-9pm"],
                "note": "Staffed by volunteer doctors and students; first come, first served.",
            },
            "hiv_testing",
            {
                "kind": "dental",
                "name": "Saturday Dental Day",
                "cost": "free",
                "fees": "",
                "hours": ["Sat 8am-1pm"],
                "status": "inactive",
            },
        ],
    },
    {
        "slug": "sunrise-reproductive",
        "name": "Sunrise Reproductive Health",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("smn", "San Mateo", "94401"), ("rwc", "Redwood City", "94061")],
        "services": ["sexual_health", {"kind": "prenatal", "sites": ["smn"]}],
    },
    {
        "slug": "sparrow-after-school",
        "name": "Sparrow After-School Club",
        "region": "smc",
        "languages": ["en", "es", "tl"],
        "sites": [("epa", "East Palo Alto", "94303"), ("dc", "Daly City", "94015")],
        "services": ["after_school", {"kind": "tutoring", "sites": ["epa"]}],
    },
    {
        "slug": "pinnacle-peninsula-relief",
        "name": "Peninsula Disaster Relief Volunteers",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("ssf", "South San Francisco", "94080")],
        "services": [
            "disaster_recovery",
            {
                "kind": "disaster_recovery",
                "slug": "disaster-line",
                "remote": True,
                "name": "Disaster Assistance Line",
                "description": "A phone line for residents affected by wildfire, flooding, "
                "landslides or a power shutoff: where to find shelter, how to replace lost "
                "documents and how to apply for recovery aid.",
            },
        ],
    },
    {
        "slug": "compass-rose",
        "name": "Compass Rose Care Coordination",
        "region": "smc",
        "languages": ["en", "es", "vi"],
        "sites": [("smn", "San Mateo", "94403"), ("rwc", "Redwood City", "94063")],
        "services": [
            "case_management",
            {"kind": "emergency_cash", "sites": ["rwc"]},
        ],
    },
    {
        "slug": "mile-marker",
        "name": "Mile Marker Street Medicine",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [],
        "services": [
            "street_medicine",
            {
                "kind": "hygiene_program",
                "status": "temporarily closed",
                "note": "Service paused while the shower trailer is repaired.",
            },
        ],
    },
    {
        "slug": "oyster-point-pantry",
        "name": "Oyster Point Neighbors Pantry",
        "region": "smc",
        "languages": ["en", "es", "tl"],
        "sites": [("ssf", "South San Francisco", "94080"), ("bris", "Brisbane", "94005")],
        "services": [
            {"kind": "food_pantry", "note": "Run entirely by volunteers."},
            {"kind": "emergency_food_bag", "sites": ["ssf"]},
            {"kind": "clothing_closet", "sites": ["bris"]},
        ],
    },
    {
        "slug": "millbrae-hearth",
        "name": "Millbrae Hearth Community Services",
        "region": "smc",
        "languages": ["en", "zh", "es"],
        "sites": [("mil", "Millbrae", "94030"), ("bur", "Burlingame", "94010")],
        "services": [
            {"kind": "family_core", "sites": ["mil"]},
            {"kind": "food_pantry", "sites": ["bur"]},
            {"kind": "senior_center", "sites": ["mil"]},
            {"kind": "emergency_cash", "sites": ["mil"], "area": "nearby"},
            {
                "kind": "medical_rides",
                "sites": ["mil"],
                "remote": False,
                "name": "Senior Shuttle",
                "area": "94030; 94010",
                "description": "A free door-to-door "
                "shuttle taking Millbrae and Burlingame seniors to shopping, the senior center "
                "and medical appointments.",
            },
        ],
    },
    {
        "slug": "foster-city-lagoon",
        "name": "Lagoon Village Community Help",
        "region": "smc",
        "languages": ["en", "zh", "hi"],
        "sites": [("fc", "Foster City", "94404")],
        "services": [
            {"kind": "food_pantry", "area": "Foster City, CA"},
            {"kind": "caregiver_support"},
            {"kind": "esl", "name": "English Conversation Circle"},
        ],
    },
    {
        "slug": "san-carlos-commons",
        "name": "Laurel Commons Neighbor Network",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("sc", "San Carlos", "94070"), ("bel", "Belmont", "94002")],
        "services": [
            {"kind": "food_pantry", "sites": ["sc"]},
            {"kind": "medical_rides", "remote": True, "name": "Neighbor Drivers"},
            {
                "kind": "free_meals",
                "sites": ["bel"],
                "name": "Tuesday Community Supper",
                "hours": ["Tue 5:30pm-7pm"],
            },
        ],
    },
    {
        "slug": "pacifica-tide",
        "name": "Pacifica Tidepool Family Services",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("pac", "Pacifica", "94044")],
        "services": [
            {"kind": "family_core"},
            {"kind": "mental_health", "name": "Family Counseling"},
            {"kind": "rent_assist", "area": "Pacifica, CA"},
            {"kind": "after_school", "status": "inactive"},
        ],
    },
    {
        "slug": "san-bruno-bridges",
        "name": "Skyline Bridges Community Center",
        "region": "smc",
        "languages": ["en", "es", "tl", "ar"],
        "sites": [("sb", "San Bruno", "94066")],
        "services": [
            {"kind": "family_core"},
            {"kind": "newcomer_center"},
            {"kind": "job_search"},
            {"kind": "tutoring"},
        ],
    },
    {
        "slug": "menlo-oak",
        "name": "Belle Haven Oak Tree Collective",
        "region": "smc",
        "languages": ["en", "es", "to", "sm"],
        "sites": [("mp", "Menlo Park", "94025")],
        "services": [
            {"kind": "family_core"},
            {"kind": "food_pantry", "name": "Saturday Produce Market"},
            {"kind": "youth_jobs"},
            {
                "kind": "case_management",
                "name": "Pacific Islander Family Navigation",
                "note": "Staff speak Tongan and Samoan.",
            },
        ],
    },
    {
        "slug": "epa-community-table",
        "name": "Bay Road Community Table",
        "region": "smc",
        "languages": ["en", "es", "to", "sm"],
        "sites": [("epa", "East Palo Alto", "94303")],
        "services": [
            "free_meals",
            {"kind": "food_pantry"},
            {"kind": "homeless_drop_in"},
            {
                "kind": "mobile_pantry",
                "slug": "rv-outreach",
                "name": "RV Outreach Food Delivery",
                "area": "94303; 94025",
                "description": "Outreach workers bring groceries, water and hygiene supplies "
                "to people living in RVs and cars along the bay side of town.",
                "elig": {"populations": ["homeless"], "text": "People living in RVs and cars"},
            },
        ],
    },
    {
        "slug": "north-fair-oaks-hub",
        "name": "Middlefield Corridor Family Hub",
        "region": "smc",
        "languages": ["es", "en"],
        "lang_style": "names",
        "sites": [("nfo", "North Fair Oaks", "94063")],
        "services": [
            {"kind": "family_core", "status": "defunct", "note": "Servicios en español."},
            {"kind": "rent_assist", "status": "defunct", "area": "94063; 94061; 94062"},
            {"kind": "insurance_enrollment", "status": "defunct"},
        ],
        "verified": "2025-02",
    },
    {
        "slug": "coastside-safe",
        "name": "Coastside Safe Haven",
        "region": "smc",
        "languages": ["en", "es"],
        "sites": [("hmb", "Half Moon Bay", "94019")],
        "services": [
            {"kind": "emergency_shelter", "area": "coast", "name": "Coastside Emergency Beds"},
            {"kind": "dv_hotline", "slug": "coast-dv", "area": "coast"},
            {"kind": "housing_navigation", "area": "coast"},
        ],
    },
    {
        "slug": "ginkgo-garden",
        "name": "Ginkgo Garden Chinese Seniors Association",
        "region": "smc",
        "languages": ["zh", "en"],
        "sites": [("dc", "Daly City", "94015"), ("smn", "San Mateo", "94402")],
        "services": [
            {
                "kind": "senior_center",
                "languages": ["zh"],
                "note": "Activities are in Cantonese and Mandarin.",
            },
            {"kind": "citizenship", "sites": ["dc"], "languages": ["zh"]},
            {"kind": "hicap", "sites": ["smn"], "name": "Medicare Help in Chinese"},
        ],
    },
    {
        "slug": "lotus-pond",
        "name": "Lotus Pond Vietnamese Family Services",
        "region": "smc",
        "languages": ["vi", "en"],
        "sites": [("smn", "San Mateo", "94403")],
        "services": [
            {
                "kind": "case_management",
                "languages": ["vi"],
                "name": "Vietnamese Family Navigator",
            },
            {
                "kind": "mental_health",
                "name": "Vietnamese Counseling Program",
                "languages": ["vi"],
                "cost": "free",
                "fees": "",
            },
            {"kind": "translation", "name": "Vietnamese Document Translation"},
        ],
    },
    # ---- State and national lines ----------------------------------------------------------
    {
        "slug": "golden-state-navigator",
        "name": "Golden State Benefits Navigator",
        "region": "smc",
        "phone_area": "800",
        "languages": ["en", "es", "zh", "vi", "tl", "ru", "ar"],
        "sites": [],
        "services": [
            "benefits_online",
            {
                "kind": "insurance_enrollment",
                "slug": "coverage-line",
                "remote": True,
                "name": "Health Coverage Helpline",
                "area": "state",
            },
        ],
    },
    {
        "slug": "lantern-quit",
        "name": "Lantern Quit Line",
        "region": "smc",
        "phone_area": "888",
        "languages": ["en", "es", "zh", "vi"],
        "sites": [],
        "services": ["quitline"],
    },
    {
        "slug": "new-dawn-perinatal",
        "name": "New Dawn Perinatal Support",
        "region": "smc",
        "phone_area": "866",
        "languages": ["en", "es"],
        "sites": [],
        "services": ["perinatal_line"],
    },
    {
        "slug": "starboard-veterans",
        "name": "Starboard Veterans Line",
        "region": "smc",
        "phone_area": "877",
        "languages": ["en", "es"],
        "sites": [],
        "services": [
            {
                "kind": "crisis_line",
                "name": "Veterans Crisis and Benefits Line",
                "area": "national",
                "elig": {
                    "populations": ["veterans"],
                    "text": "Veterans, service members, "
                    "National Guard and Reserve members and their families",
                },
                "description": "Confidential crisis support around the clock for veterans and "
                "their families, plus help connecting to VA health care and benefits.",
            },
        ],
    },
    {
        "slug": "northstar-youth",
        "name": "Northstar Runaway and Youth Line",
        "region": "smc",
        "phone_area": "800",
        "languages": ["en", "es"],
        "sites": [],
        "services": [
            {
                "kind": "crisis_line",
                "name": "Runaway and Homeless Youth Line",
                "area": "national",
                "categories": ["101-06", "103-01"],
                "elig": {
                    "min_age": 12,
                    "max_age": 21,
                    "populations": ["youth"],
                    "text": "Young people 12-21 who have run away or are thinking about it",
                },
                "description": "Confidential help for young people who have run away or are "
                "thinking of leaving home: shelter referrals, free bus tickets home and "
                "message relays to family.",
                "keywords": ["runaway", "kicked out", "homeless teen", "bus ticket home"],
            },
        ],
    },
    {
        "slug": "open-sky-lifeline",
        "name": "Open Sky LGBTQ Youth Lifeline",
        "region": "smc",
        "phone_area": "888",
        "languages": ["en", "es"],
        "sites": [],
        "services": [
            {
                "kind": "crisis_line",
                "name": "LGBTQ+ Youth Crisis Lifeline",
                "area": "national",
                "elig": {
                    "max_age": 24,
                    "populations": ["lgbtq", "youth"],
                    "text": "LGBTQ+ young people under 25",
                },
            },
        ],
    },
    # ---- Neighbours: San Francisco ---------------------------------------------------------
    {
        "slug": "mission-gate",
        "name": "Mission Gate Community Services",
        "region": "sf",
        "languages": ["en", "es", "zh"],
        "sites": [("mis", "San Francisco", "94110"), ("soma", "San Francisco", "94103")],
        "services": [
            {"kind": "food_pantry", "sites": ["mis"]},
            {"kind": "emergency_shelter", "sites": ["soma"]},
            {"kind": "legal_aid", "sites": ["mis"]},
            {"kind": "rent_assist", "sites": ["mis"]},
        ],
    },
    {
        "slug": "excelsior-corner",
        "name": "Excelsior Corner Family Hub",
        "region": "sf",
        "languages": ["en", "es", "zh", "tl"],
        "sites": [("exc", "San Francisco", "94112")],
        "services": ["family_core", "esl", {"kind": "child_care_referral"}],
    },
    {
        "slug": "candlestick-cove",
        "name": "Candlestick Cove Health Center",
        "region": "sf",
        "languages": ["en", "es", "zh", "sm"],
        "sites": [("bvhp", "San Francisco", "94124")],
        "services": ["primary_care", "dental", {"kind": "outpatient_sud"}],
    },
    # ---- Neighbours: Palo Alto and Mountain View (Santa Clara County) ----------------------
    {
        "slug": "oak-meadow",
        "name": "Oak Meadow Community Services",
        "region": "scc",
        "languages": ["en", "es", "zh", "hi"],
        "sites": [("pa", "Palo Alto", "94301")],
        "services": [
            {"kind": "food_pantry"},
            {"kind": "rent_assist", "area": "Palo Alto, CA; East Palo Alto, CA; Menlo Park, CA"},
            {"kind": "senior_center"},
            {"kind": "case_management"},
            {
                "kind": "medical_rides",
                "name": "Senior Rides",
                "area": "Palo Alto, CA; Menlo Park, CA; East Palo Alto, CA",
            },
        ],
    },
    {
        "slug": "stevens-creek",
        "name": "Stevens Creek Community Services",
        "region": "scc",
        "languages": ["en", "es", "zh", "ru", "hi"],
        "sites": [("mv", "Mountain View", "94041"), ("mvn", "Mountain View", "94043")],
        "services": [
            {"kind": "food_pantry", "sites": ["mv"]},
            {
                "kind": "emergency_cash",
                "sites": ["mv"],
                "area": "Mountain View, CA; Los Altos, CA; Los Altos Hills, CA",
            },
            {"kind": "homeless_drop_in", "sites": ["mvn"]},
            {"kind": "safe_parking", "sites": ["mvn"]},
        ],
    },
    {
        "slug": "foothill-tenant-law",
        "name": "Foothill Tenant Law Project",
        "region": "scc",
        "languages": ["en", "es"],
        "sites": [("pa", "Palo Alto", "94306")],
        "services": [
            {"kind": "eviction_defense", "area": "Santa Clara County, CA; 94303"},
            {"kind": "tenant_counseling"},
        ],
    },
    {
        "slug": "shoreline-clinic",
        "name": "Shoreline Community Clinic",
        "region": "scc",
        "languages": ["en", "es", "vi", "hi"],
        "sites": [("mv", "Mountain View", "94040")],
        "services": ["primary_care", "dental", {"kind": "vision"}],
    },
]

# --------------------------------------------------------------------------------------------
# Building the rows
# --------------------------------------------------------------------------------------------

#: Area codes of each region's main lines.
REGION_AREA_CODE = {"smc": "650", "sf": "415", "scc": "650"}

#: Kinds whose service runs from a vehicle (their accessibility note mentions the lift).
VEHICLE_KINDS = {"mobile_clinic", "kids_dental_van", "mobile_pantry", "coast_shuttle"}

FIRST_VERIFIED = dt.date(2023, 1, 3)
LAST_VERIFIED = dt.date(2026, 10, 30)


def _rng(seed: int, *keys: str) -> random.Random:
    """Return a generator seeded from the fixed seed and a record's stable key.

    String seeds are hashed with SHA-512 by :mod:`random`, so the result does not depend on
    ``PYTHONHASHSEED`` or on the order records are built in.
    """
    return random.Random(":".join((str(seed), *keys)))


def _zip_centroid(postal_code: str) -> tuple[float, float]:
    """Return the latitude and longitude of a real ZIP code's centroid."""
    matches = zipcodes.matching(postal_code)
    if not matches:
        raise ValueError(f"unknown ZIP code {postal_code}")
    return float(matches[0]["lat"]), float(matches[0]["long"])


def _format_phone(area: str, line: int, style: int) -> str:
    """Format a fictional 555-01xx number in one of the common styles."""
    number = f"555-{line:04d}"
    if style == 1:
        return f"{area}-{number}"
    if style == 2:
        return f"{area}.{number.replace('-', '.')}"
    if style == 3:
        return f"+1 {area} {number.replace('-', ' ')}"
    return f"({area}) {number}"


def _language_list(codes: Sequence[str], spelled_out: bool, rng: random.Random) -> str:
    """Write languages as codes (usually) or names, separated by ``;`` (or sometimes ``,``)."""
    values = [LANGUAGE_NAMES[c] if spelled_out else c for c in codes]
    separator = ", " if rng.random() < 0.05 else "; "
    return separator.join(values)


def _service_area(mode: str, region: str, site: dict[str, str] | None) -> str:
    """Turn a kind's area mode into the service_area column."""
    county_area = f"{REGION_COUNTY[region]}, CA"
    if mode == "county":
        return county_area
    if mode == "state":
        return "CA"
    if mode == "national":
        return "national"
    if mode == "coast":
        return COASTSIDE_AREA
    if mode in {"city", "nearby"}:
        if site is None:
            return county_area
        if mode == "city" and site["city"] != "North Fair Oaks":
            return f"{site['city']}, CA"
        return "; ".join(NEARBY_ZIPS[site["zip"]])
    return mode  # a literal service area


def _verified_base(org: dict[str, Any], rng: random.Random) -> dt.date:
    """Pick the date an organization's records were last checked."""
    if "verified" in org:
        year, month = (int(part) for part in org["verified"].split("-"))
        return dt.date(year, month, rng.randint(1, 28))
    roll = rng.random()
    if roll < 0.7:
        start, end = dt.date(2025, 11, 1), LAST_VERIFIED
    elif roll < 0.88:
        start, end = dt.date(2024, 11, 1), dt.date(2025, 10, 31)
    else:
        start, end = FIRST_VERIFIED, dt.date(2024, 10, 31)
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _org_profile(org: dict[str, Any], org_index: int, seed: int) -> dict[str, Any]:
    """Give an organization its main phone line, email mailbox and last-checked date."""
    rng = _rng(seed, org["slug"])
    return {
        "area_code": org.get("phone_area", REGION_AREA_CODE[org["region"]]),
        "line": 100 + org_index % 100,
        "second_line": 100 + (org_index * 7 + 31) % 100,
        "phone_style": 0 if rng.random() < 0.6 else rng.randint(1, 3),
        "domain": org.get("domain", f"{org['slug']}.example.org"),
        "mailbox": rng.choice(("info", "intake", "help", "contact", "hello")),
        "verified": _verified_base(org, rng),
    }


def _build_site(
    org: dict[str, Any], site: tuple[Any, ...], site_index: int, seed: int
) -> dict[str, Any]:
    """Give one site of an organization its address, coordinates and accessibility."""
    key, city, postal_code = site[0], site[1], site[2]
    location_id = f"loc-{org['slug']}-{key}"
    rng = _rng(seed, location_id)
    street = f"{rng.randint(100, 3999)} {rng.choice(STREETS)}"
    if rng.random() < 0.25:
        street = f"{street}, {rng.choice(UNITS)}"
    lat, lon = _zip_centroid(postal_code)
    lat += rng.uniform(-0.01, 0.01)
    lon += rng.uniform(-0.01, 0.01)
    has_coordinates = rng.random() >= 0.09
    zip_column = postal_code
    if rng.random() < 0.12:
        zip_column = f"{postal_code}-{rng.randint(1000, 9999)}"
    return {
        "key": key,
        "index": site_index,
        "location_id": location_id,
        "address": street,
        "city": city,
        "zip": postal_code,
        "postal_code": zip_column,
        "state": "California" if rng.random() < 0.04 else "CA",
        "latitude": f"{lat:.5f}" if has_coordinates else "",
        "longitude": f"{lon:.5f}" if has_coordinates else "",
        "languages": list(site[3]) if len(site) > 3 else list(org["languages"]),
        "accessibility": rng.choice(SITE_ACCESSIBILITY),
    }


def _normalise_service(entry: str | dict[str, Any]) -> dict[str, Any]:
    """Merge a service entry over its kind, so every key has a value."""
    spec = {"kind": entry} if isinstance(entry, str) else dict(entry)
    kind = KINDS[spec["kind"]]
    merged: dict[str, Any] = {
        "keywords": [],
        "elig": {},
        "cost": "free",
        "fees": "",
        "documents": [],
        "apply": [""],
        "area": "county",
        "remote": False,
        "note": "",
        "status": "active",
    }
    merged.update(kind)
    merged.update(spec)
    if "name" in spec:
        merged["names"] = [spec["name"]]
    if "description" in spec:
        merged["descriptions"] = [spec["description"]]
    merged["slug"] = spec.get("slug", spec["kind"].replace("_", "-"))
    return merged


def _row(
    *,
    org: dict[str, Any],
    profile: dict[str, Any],
    service: dict[str, Any],
    site: dict[str, Any] | None,
    seed: int,
) -> dict[str, str]:
    """Build one CSV row: one service of one organization at one site (or at none)."""
    service_id = f"svc-{org['slug']}-{service['slug']}"
    srng = _rng(seed, service_id)
    rrng = _rng(seed, service_id, site["key"] if site else "-")
    region = org["region"]
    area_name = REGION_COUNTY[region]

    name = srng.choice(service["names"])
    templates = service["descriptions"]
    template = templates[service["variant"]] if "variant" in service else srng.choice(templates)
    description = template.format(
        city=site["city"] if site else area_name, org=org["name"], area=area_name
    )
    extras = service.get("extras", [])
    sentences = description.count(". ") + 1 + bool(service["note"])
    if extras and sentences < 3 and srng.random() < 0.65:
        description = f"{description} {srng.choice(extras)}"
    if service["note"]:
        description = f"{description} {service['note']}"

    categories = list(service["categories"])
    if srng.random() < 0.12:
        for i, code in enumerate(categories):
            if code in CATEGORY_NAMES:
                categories[i] = CATEGORY_NAMES[code]
                break

    status = service["status"]
    if isinstance(status, dict):
        status = status.get(site["key"] if site else "-", "active")

    hours = srng.choice(service["hours"]) if service.get("hours") else ""
    if site is not None and hours != "24/7" and rrng.random() < 0.06:
        hours = ""

    languages = service.get("languages") or (site["languages"] if site else org["languages"])
    spelled_out = org.get("lang_style") == "names" or srng.random() < 0.08

    elig = service["elig"]
    area_code, style = profile["area_code"], profile["phone_style"]
    phones = [_format_phone(area_code, profile["line"], style)]
    if site is not None and site["index"] > 0:
        phones[0] = f"{phones[0]} ext. {site['index'] + 1}"
    if rrng.random() < 0.15:
        phones.append(_format_phone(area_code, profile["second_line"], style))

    domain = profile["domain"]
    email = "" if srng.random() < 0.08 else f"{profile['mailbox']}@{domain}"
    website_roll = srng.random()
    if website_roll < 0.05:
        website = ""
    elif website_roll < 0.2:
        website = f"www.{domain}/{service['slug']}"
    else:
        website = f"https://{domain}/{service['slug']}"

    if site is None:
        lift = service["kind"] in VEHICLE_KINDS
        accessibility = (
            REMOTE_ACCESSIBILITY[-1] if lift else srng.choice(REMOTE_ACCESSIBILITY[:-1])
        )
    else:
        accessibility = site["accessibility"]

    verified = profile["verified"] + dt.timedelta(days=rrng.randint(-20, 20))
    verified = min(max(verified, FIRST_VERIFIED), LAST_VERIFIED)
    verified_text = verified.strftime("%m/%d/%Y") if rrng.random() < 0.07 else verified.isoformat()

    def number(value: Any) -> str:
        return "" if value is None else str(value)

    return {
        "id": "",
        "service_id": service_id,
        "organization_id": f"org-{org['slug']}",
        "location_id": site["location_id"] if site else "",
        "name": name,
        "organization": org["name"],
        "description": description,
        "categories": "; ".join(categories),
        "keywords": "; ".join(service["keywords"]),
        "status": status,
        "address": site["address"] if site else "",
        "city": site["city"] if site else "",
        "state": site["state"] if site else "",
        "postal_code": site["postal_code"] if site else "",
        "latitude": site["latitude"] if site else "",
        "longitude": site["longitude"] if site else "",
        "phones": "; ".join(phones),
        "email": email,
        "website": website,
        "hours": hours,
        "languages": _language_list(languages, spelled_out, srng),
        "min_age": number(elig.get("min_age")),
        "max_age": number(elig.get("max_age")),
        "genders": "; ".join(elig.get("genders", ())),
        "populations": "; ".join(elig.get("populations", ())),
        "income_limit_fpl": number(elig.get("income_limit_fpl")),
        "eligibility": elig.get("text", ""),
        "cost": service["cost"],
        "fees": service["fees"],
        "service_area": _service_area(service["area"], region, site),
        "application_process": srng.choice(service["apply"]),
        "required_documents": "; ".join(service["documents"]),
        "accessibility": accessibility,
        "last_verified": verified_text,
    }


def build_rows(seed: int = SEED) -> list[dict[str, str]]:
    """Build every row of the sample directory, in catalogue order, with ids assigned."""
    rows: list[dict[str, str]] = []
    for org_index, org in enumerate(ORGANIZATIONS):
        profile = _org_profile(org, org_index, seed)
        sites = {
            site[0]: _build_site(org, site, index, seed) for index, site in enumerate(org["sites"])
        }
        for entry in org["services"]:
            service = _normalise_service(entry)
            if service["remote"] or not sites:
                targets: list[dict[str, Any] | None] = [None]
            else:
                targets = [sites[key] for key in service.get("sites", list(sites))]
            for site in targets:
                rows.append(_row(org=org, profile=profile, service=service, site=site, seed=seed))
    for number, row in enumerate(rows, start=1):
        row["id"] = f"smc-{number:04d}"
    return rows


def write_csv(rows: Sequence[dict[str, str]], path: Path) -> None:
    """Write rows as UTF-8 CSV with a header of every column, in README order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def summarize(rows: Sequence[dict[str, str]]) -> dict[str, Any]:
    """Count rows, organizations, top-level needs and special cases, for the README."""
    name_to_code = {name: code for code, name in CATEGORY_NAMES.items()}
    top_level: collections.Counter[str] = collections.Counter()
    for row in rows:
        codes = {name_to_code.get(c.strip(), c.strip()) for c in row["categories"].split(";")}
        for top in sorted({code[:3] for code in codes if code}):
            top_level[top] += 1
    return {
        "rows": len(rows),
        "organizations": len({row["organization_id"] for row in rows}),
        "locations": len({row["location_id"] for row in rows if row["location_id"]}),
        "services": len({row["service_id"] for row in rows}),
        "not_active": sum(row["status"] != "active" for row in rows),
        "without_address": sum(not row["address"] for row in rows),
        "zip_without_coordinates": sum(
            bool(row["postal_code"]) and not row["latitude"] for row in rows
        ),
        "top_level": dict(sorted(top_level.items())),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Write the sample directory (by default to data/sample/resources.csv)."""
    parser = argparse.ArgumentParser(
        description="Generate the fictional San Mateo County sample resource directory."
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="CSV file to write")
    parser.add_argument(
        "--seed", type=int, default=SEED, help="random seed (default: %(default)s)"
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = parser.parse_args(argv)
    rows = build_rows(args.seed)
    write_csv(rows, args.output)
    if not args.quiet:
        summary = summarize(rows)
        print(f"wrote {summary['rows']} resources to {args.output}")
        for key, value in summary.items():
            if key != "rows":
                print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
