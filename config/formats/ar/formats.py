"""Arabic formats: Western digits, "." for decimals and "," for thousands.

Django's own Arabic formats follow the Maghreb convention (1234567,50) and put
right-to-left marks inside short dates, which leak into exports. Readers in the
Gulf and the Levant expect 1,234,567.50 and month names in Arabic.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 6  # Saturday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
