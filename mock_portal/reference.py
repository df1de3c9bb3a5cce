"""Reference data the sign-up pages offer and check against: lists, codes, the password deny-list.

Kept apart from the pages so a newcomer finds every list in one place, and so the
suite's own data builders can check their values against the same lists.
"""

from __future__ import annotations

SUFFIXES = ("Jr.", "Sr.", "II", "III", "IV")
LANGUAGES = ("English", "Spanish", "Chinese", "Vietnamese", "Korean", "Tagalog", "Other")
STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}
CA_COUNTIES = (
    "Alameda", "Alpine", "Amador", "Butte", "Calaveras", "Colusa", "Contra Costa", "Del Norte",
    "El Dorado", "Fresno", "Glenn", "Humboldt", "Imperial", "Inyo", "Kern", "Kings", "Lake",
    "Lassen", "Los Angeles", "Madera", "Marin", "Mariposa", "Mendocino", "Merced", "Modoc",
    "Mono", "Monterey", "Napa", "Nevada", "Orange", "Placer", "Plumas", "Riverside",
    "Sacramento", "San Benito", "San Bernardino", "San Diego", "San Francisco", "San Joaquin",
    "San Luis Obispo", "San Mateo", "Santa Barbara", "Santa Clara", "Santa Cruz", "Shasta",
    "Sierra", "Siskiyou", "Solano", "Sonoma", "Stanislaus", "Sutter", "Tehama", "Trinity",
    "Tulare", "Tuolumne", "Ventura", "Yolo", "Yuba",
)
SECURITY_QUESTIONS = (
    "What was the name of your first pet?",
    "What is your mother's maiden name?",
    "What city were you born in?",
    "What was the name of your elementary school?",
    "What was the make of your first car?",
    "What is the name of the street you grew up on?",
    "What was your childhood nickname?",
    "Who was your favorite teacher?",
)
# A short deny-list of common passwords (compared ignoring case) and keyboard runs
# (rejected anywhere inside the password).
COMMON_PASSWORDS = frozenset({
    "qwerty1!", "password1!", "welcome1!", "password1", "password123", "password123!",
    "p@ssw0rd", "p@ssword1", "passw0rd!", "welcome123", "welcome1", "letmein1!", "changeme1!",
    "admin123!", "iloveyou1!", "sunshine1!", "football1!", "monkey123!", "abc12345!",
    "summer2024!", "winter2024!", "spring2024!", "coveredca1!", "california1!",
})
KEYBOARD_RUNS = ("qwerty", "asdfgh", "zxcvbn", "1qaz2wsx", "12345678", "87654321", "abcdefgh")
