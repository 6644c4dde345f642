"""Country mentions in affiliation strings: the strongest evidence against a match in the wrong country."""

from functools import lru_cache

from partnerships.core.normalise import tokens

# Names as they appear in affiliations (Web of Science writes "Peoples R China", "England", "USA").
COUNTRY_NAMES = {
    "CN": (
        "China; CN; PR China; P R China; PRC; P R C; Peoples R China; People's Republic of China; "
        "People s Republic of China; Mainland China; 中国; 中华人民共和国"
    ),
    "HK": "Hong Kong; Hong Kong SAR; HKSAR; Hong Kong Special Administrative Region; 香港",
    "MO": "Macau; Macao; Macau SAR; 澳门",
    # The registry covers no institution in Taiwan; its cities and 国立 ("national", the prefix of its
    # public universities: 國立中山大學 is not Sun Yat-sen University) say a string is about one.
    "TW": (
        "Taiwan; Republic of China; R O C; ROC; Taiwan ROC; Taipei; New Taipei; Kaohsiung; Hsinchu; Tainan; "
        "Taichung; Taoyuan; Chiayi; Keelung; Hualien; 台湾; 国立"
    ),
    "GB": "UK; U K; United Kingdom; Great Britain; England; Scotland; Wales; Northern Ireland; Britain",
    "US": "USA; U S A; United States; United States of America; US",
    "CA": "Canada",
    "AU": "Australia",
    "NZ": "New Zealand",
    "IE": "Ireland; Republic of Ireland",
    "DE": "Germany; Deutschland",
    "FR": "France",
    "IT": "Italy; Italia",
    "ES": "Spain; España",
    "PT": "Portugal",
    "NL": "Netherlands; The Netherlands; Holland",
    "BE": "Belgium",
    "CH": "Switzerland",
    "AT": "Austria",
    "SE": "Sweden",
    "NO": "Norway",
    "DK": "Denmark",
    "FI": "Finland",
    "IS": "Iceland",
    "PL": "Poland",
    "CZ": "Czech Republic; Czechia",
    "SK": "Slovakia",
    "HU": "Hungary",
    "RO": "Romania",
    "BG": "Bulgaria",
    "GR": "Greece",
    "TR": "Turkey; Türkiye",
    "RU": "Russia; Russian Federation",
    "UA": "Ukraine",
    "RS": "Serbia",
    "HR": "Croatia",
    "SI": "Slovenia",
    "EE": "Estonia",
    "LV": "Latvia",
    "LT": "Lithuania",
    "JP": "Japan",
    "KR": "Korea; South Korea; Republic of Korea",
    "KP": "North Korea",
    "IN": "India",
    "PK": "Pakistan",
    "BD": "Bangladesh",
    "LK": "Sri Lanka",
    "NP": "Nepal",
    "SG": "Singapore",
    "MY": "Malaysia",
    "TH": "Thailand",
    "VN": "Vietnam; Viet Nam",
    "ID": "Indonesia",
    "PH": "Philippines",
    "IR": "Iran",
    "IQ": "Iraq",
    "IL": "Israel",
    "SA": "Saudi Arabia",
    "AE": "United Arab Emirates; UAE",
    "QA": "Qatar",
    "EG": "Egypt",
    "ZA": "South Africa",
    "NG": "Nigeria",
    "KE": "Kenya",
    "ET": "Ethiopia",
    "GH": "Ghana",
    "MA": "Morocco",
    "TN": "Tunisia",
    "DZ": "Algeria",
    "BR": "Brazil; Brasil",
    "AR": "Argentina",
    "CL": "Chile",
    "CO": "Colombia",
    "MX": "Mexico",
    "PE": "Peru",
    "VE": "Venezuela",
    "CU": "Cuba",
}
# US states and Canadian provinces say "not here" as clearly as a country does.
US_STATES = (
    "Alabama; Alaska; Arizona; Arkansas; California; Colorado; Connecticut; Delaware; Florida; "
    "Hawaii; Idaho; Illinois; Indiana; Iowa; Kansas; Kentucky; Louisiana; Maine; Maryland; Massachusetts; "
    "Michigan; Minnesota; Mississippi; Missouri; Montana; Nebraska; Nevada; New Hampshire; New Jersey; "
    "New Mexico; New York; North Carolina; North Dakota; Ohio; Oklahoma; Oregon; Pennsylvania; Rhode Island; "
    "South Carolina; South Dakota; Tennessee; Texas; Utah; Vermont; Virginia; Washington DC; West Virginia; "
    "Wisconsin; Wyoming; Ontario; Quebec; Alberta; British Columbia; Manitoba; Nova Scotia"
)


@lru_cache(maxsize=1)
def country_phrases() -> dict[tuple[str, ...], str]:
    """Folded token tuples → ISO code."""
    phrases = {}
    for code, names in COUNTRY_NAMES.items():
        for name in names.split(";"):
            phrases[tuple(tokens(name))] = code
    for name in US_STATES.split(";"):
        phrases.setdefault(tuple(tokens(name)), "US")
    return phrases


@lru_cache(maxsize=1)
def _longest_phrase() -> int:
    return max(len(p) for p in country_phrases())


# The first three digits of a mainland postcode and the city they place a string in (Guangdong's
# cities, where the centre's partners are; docs/matching.md).
POSTCODE_CITIES = {
    "510": "guangzhou", "511": "guangzhou", "518": "shenzhen", "519": "zhuhai", "528": "foshan",
    "523": "dongguan", "515": "shantou", "524": "zhanjiang", "529": "jiangmen", "516": "huizhou",
    "526": "zhaoqing", "525": "maoming", "521": "chaozhou", "517": "heyuan", "514": "meizhou",
    "512": "shaoguan", "513": "qingyuan", "527": "yunfu", "522": "jieyang",
}  # fmt: skip

# Named after Guangdong in the Greater Bay Area's name.
REGIONAL = {"HK", "MO"}


def country_mentions(toks: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, code) for every country or state named in a token list, longest phrase first.

    "Guangdong-Hong Kong-Macao" (the Greater Bay Area: joint laboratories, programmes) names a region of
    mainland China, not Hong Kong or Macau: those mentions are skipped (tokens carry no punctuation, so
    "Guangdong, Hong Kong" is read the same way; affiliations hardly ever write it)."""
    phrases = country_phrases()
    longest = _longest_phrase()
    found, i, regional_end = [], 0, -1
    while i < len(toks):
        for size in range(min(longest, len(toks) - i), 0, -1):
            code = phrases.get(tuple(toks[i : i + size]))
            if code:
                if code in REGIONAL and (i == regional_end or (i and toks[i - 1] == "guangdong")):
                    regional_end = i + size
                else:
                    found.append((i, i + size, code))
                i += size
                break
        else:
            i += 1
    return found
