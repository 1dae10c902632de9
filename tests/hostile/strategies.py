"""Hostile values for the property tests: malformed, huge, repeated and unkind."""
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Bounded so that each property test takes seconds; deadline off, as a page can take a while on
# a shared CI machine, and the function-scoped client is the same for every example.
PROPERTY = settings(max_examples=60, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

NASTY = [
    "", " ", "\x00", "%00", "\t\n", "\u202e", "\ufeff", "😀", "Ω", "٠٧:٠٠-٠٨:٠٠",
    "99999999999999999999", "-99999999999999999999", "-1", "0", "1", "2", "1.5", "1e309", "nan",
    "inf", "-inf", "NaN", "0x10", "true", "false", "yes", "on", "none", "null", "[]", "{}",
    "Mars/Olympus", "America/New_York", "UTC", "../../etc/passwd", "<script>alert(1)</script>",
    "' OR 1=1 --", "%s%s%n", "{0}", "{input}", "%(input)s",
    "mon", "Mon", "mon,tue", "someday", "mon-fri", "sun-sat,", ",,,",
    "17:00-20:30", "fri@22:00-01:00", "sat@08:00-12:00", "mon,wed@18:00-21:00", "07:00-07:00",
    "25:00-26:00", "mon@", "@07:00-08:00", "mon@07:00-08:00-09:00", "mon@@07:00-08:00",
    "Pittsburgh", "Pittsburgh, PA", "15222", "00000", "40.44,-79.99", "91,181", "-91,-181",
    "1e400,1e400", "nan,nan", "Springfield", "zzzz", "online", "in_person", "hybrid", "welcome",
    "childcare", "harm_reduction", "abstinence", "supportive", "aa", "na", "mothers", "en", "es",
    "mi", "km", "x" * 5000,
]

# One value as a query or a form carries it.
value = st.one_of(st.sampled_from(NASTY), st.text(max_size=40),
                  st.integers().map(str), st.floats().map(str))
# A parameter given once, a few times, or a great many times (~70 avoid windows).
values = st.one_of(st.lists(value, min_size=1, max_size=3),
                   st.lists(st.sampled_from(["mon@07:00-08:00", "09:00-10:00", "mon", "x", ""]),
                            min_size=20, max_size=90))


def query(names):
    """A query of some of `names` (and an unknown one), each with hostile values."""
    return st.dictionaries(st.sampled_from([*names, "unknown", ""]), values, max_size=len(names))
