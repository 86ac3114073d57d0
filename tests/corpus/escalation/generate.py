#!/usr/bin/env python3
"""generate.py — writes the escalation test corpus: illustrative wire-style
reports (written for sitrep, not real news) from 1 January to 30 June 2023.

Series (see README.md):
  * Al Shabaab in Lower Shabelle (Somalia): two attacks a month until May,
    then an escalation in June (16 attacks, three of them reported twice
    by different outlets);
  * controls that stay flat: Al Shabaab in Mandera (Kenya), ISWAP in Borno
    (Nigeria; a quarter of them clashes the army reports, with the army as
    actor1), Pokot raiders in Baringo and Turkana (Kenya), and a few
    reports with no event.

Writes the reports as YYYY-MM-DD-<slug>.txt and expected.tsv (file, event
date, actor, admin1) next to this script. Deterministic (fixed seed).
Usage: tests/corpus/escalation/generate.py
"""
import datetime
import os
import random

OUT = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20230630)
START = datetime.date(2023, 1, 1)
END = datetime.date(2023, 6, 30)
STEP = datetime.date(2023, 6, 1)

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
OUTLETS = ["Horn Wire", "East Africa Desk", "Sahel Monitor", "Lake Chad Dispatch", "Nation Wire",
           "Regional Press Service", "Field Report Agency"]


def num(n, cap=False):
    s = NUMS.get(n, str(n))
    return s[0].upper() + s[1:] if cap else s


def header(title, pub, outlet):
    return f"{title}\n{pub.day} {pub.strftime('%B')} {pub.year}\nSource: {outlet}\n\n"


# ---- Al Shabaab in Lower Shabelle (escalating) ---------------------------
LS_TOWNS = ["Afgooye", "Marka", "Barawe", "Qoryoley", "Wanlaweyn"]


def shabaab_ls(day, n, town, k):
    t = [
        (f"Al-Shabaab attacks army base near {town}",
         f"Al-Shabaab fighters attacked a Somali army base in {town} in the Lower Shabelle region on {day}, "
         f"killing {num(n)} soldiers, a military official said. "
         f"Residents said the fighting lasted for about two hours before the militants withdrew."),
        (f"Soldiers killed in ambush in Lower Shabelle",
         f"Al Shabaab militants ambushed an army convoy outside {town} in Lower Shabelle on {day}, "
         f"killing {num(n)} soldiers, according to a local commander. "
         f"The convoy had been carrying supplies to forward positions, he said."),
        (f"Checkpoint overrun in {town}",
         f"Militants from al-Shabaab stormed a military checkpoint in {town}, Lower Shabelle, on {day} and "
         f"killed {num(n)} soldiers, elders in the town told reporters. "
         f"The group later said its fighters had seized weapons at the site."),
        (f"Police station attacked in Lower Shabelle",
         f"Al-Shabaab gunmen attacked a police station in {town} in the Lower Shabelle region on {day}, "
         f"killing {num(n)} police officers, a regional security official said. "
         f"Security forces were deployed to the area later in the day."),
        (f"Villagers killed by al-Shabaab near {town}",
         f"Al Shabaab fighters killed {num(n)} civilians in a village near {town} in Lower Shabelle on {day}, "
         f"residents said. Witnesses said the victims were accused of cooperating with the government."),
    ]
    return t[k % len(t)]


# the same incident as another outlet tells it (duplicate coverage)
def shabaab_ls_dup(day, n, town):
    return (f"Deadly raid on army post in Somalia's Lower Shabelle",
            f"At least {num(n)} Somali soldiers died on {day} when al-Shabaab fighters attacked an army base "
            f"in {town} in the Lower Shabelle region, a military spokesman told journalists. "
            f"The spokesman said reinforcements had been sent from Mogadishu.")


# ---- Al Shabaab in Mandera, Kenya (flat) -----------------------------------
MANDERA_TOWNS = ["Elwak", "Rhamu", "Takaba", "Mandera"]


def shabaab_mandera(day, n, town, k):
    t = [
        (f"Roadside bomb hits police vehicle in Mandera",
         f"Suspected al-Shabaab militants detonated a roadside bomb under a police vehicle near {town} in Mandera "
         f"County on {day}, killing {num(n)} police officers, the county police commander said."),
        (f"Gunmen attack police camp in Mandera",
         f"Al-Shabaab fighters attacked a police camp in {town}, Mandera County, on {day}, killing {num(n)} "
         f"police reservists, officials said. The attackers fled towards the Somali border."),
        (f"Quarry workers killed in Mandera",
         f"Al Shabaab gunmen killed {num(n)} quarry workers near {town} in Mandera County on {day}, police said. "
         f"Local leaders called for more security patrols along the border."),
    ]
    return t[k % len(t)]


# ---- ISWAP in Borno, Nigeria (flat) ------------------------------------------
BORNO_TOWNS = ["Monguno", "Damboa", "Gwoza", "Bama", "Dikwa", "Konduga", "Marte"]


def iswap_borno(day, n, town, k):
    t = [
        (f"ISWAP fighters attack military base in Borno",
         f"Fighters of the Islamic State West Africa Province attacked a military base in {town} in Borno State "
         f"on {day}, killing {num(n)} soldiers, security sources said."),
        (f"Farmers killed in Borno",
         f"ISWAP militants killed {num(n)} farmers working on their fields near {town} in Borno State on {day}, "
         f"a local militia leader said. Residents said the farmers had returned to the area only weeks before."),
        (f"Troops repel attack on {town}",
         f"Troops clashed with ISWAP fighters who attacked {town} in Borno State on {day}; {num(n)} insurgents "
         f"were killed in the fighting, the army said in a statement."),
        (f"Convoy ambushed on Borno highway",
         f"ISWAP fighters ambushed a military convoy near {town}, Borno State, on {day}, killing {num(n)} soldiers, "
         f"according to two military officers who asked not to be named."),
    ]
    return t[k % len(t)]


# ---- Pokot raiders, Kenya (flat) --------------------------------------------
POKOT_PLACES = [("Marigat", "Baringo County"), ("Kabarnet", "Baringo County"), ("Lodwar", "Turkana County"),
                ("Kapedo", "Turkana County")]


def pokot(day, n, place, county, k):
    t = [
        (f"Herders killed in cattle raid",
         f"Pokot raiders killed {num(n)} herders and drove away hundreds of cattle near {place} in {county} on {day}, "
         f"police said. Officers were pursuing the raiders, the police commander said."),
        (f"Pokot bandits attack village",
         f"Armed Pokot bandits attacked a village near {place}, {county}, on {day}, killing {num(n)} residents, "
         f"a local chief said. Families fled to a nearby school for safety."),
        (f"Police officers killed by raiders",
         f"Pokot gunmen killed {num(n)} police officers who were escorting livestock traders near {place} in "
         f"{county} on {day}, the regional police commander said."),
    ]
    return t[k % len(t)]


QUIET = [
    ("Market reopens in {town}", "Traders in {town} said business had returned to normal after the rains, with "
     "maize and sorghum prices falling for the second week."),
    ("Vaccination campaign in {town}", "Health workers began a measles vaccination campaign for children in {town}, "
     "officials said, with teams visiting schools and markets."),
    ("New classrooms for {town}", "Residents of {town} welcomed the opening of four new classrooms at the main "
     "primary school, built with funds from the county government."),
]


def dates_for(rate_per_month, start, end, rng_):
    """Days with an incident: evenly spread at the rate, each moved by up to
    three days either way (a steady series, so a control cannot drift up)."""
    out = []
    gap = 30.0 / rate_per_month
    t = rng_.uniform(0, gap)
    while start + datetime.timedelta(days=int(t)) <= end:
        d = start + datetime.timedelta(days=int(t) + rng_.randint(-3, 3))
        if start <= d <= end and d not in out:
            out.append(d)
        t += gap
    return sorted(out)


def main():
    for f in os.listdir(OUT):
        if f.endswith(".txt"):
            os.remove(os.path.join(OUT, f))
    reports = []  # (pub date, slug, title, body, outlet, event date, actor, admin1)

    def add(ev, slug, title, body, actor, admin1, outlet=None, lag=None):
        lag = rng.choice([0, 1, 1]) if lag is None else lag
        pub = ev + datetime.timedelta(days=lag)
        reports.append((pub, slug, title, body, outlet or rng.choice(OUTLETS), ev, actor, admin1, lag))

    # Al Shabaab, Lower Shabelle: two a month before June, 16 in June
    ls_days = dates_for(2.0, START, STEP - datetime.timedelta(days=1), rng)
    june = sorted(rng.sample(range(29), 16))
    ls_days += [STEP + datetime.timedelta(days=i) for i in june]
    dup = set(rng.sample([d for d in ls_days if d >= STEP], 3))
    for k, ev in enumerate(ls_days):
        town = rng.choice(LS_TOWNS)
        n = rng.randint(2, 9)
        kind = k if ev not in dup else 0  # duplicates: the army-base story
        title, body = shabaab_ls(WEEKDAYS[ev.weekday()], n, town, kind)
        add(ev, f"lower-shabelle-shabaab-{k}", title, body, "Al Shabaab", "Lower Shabelle", lag=1)
        if ev in dup:
            t2, b2 = shabaab_ls_dup(WEEKDAYS[ev.weekday()], n, town)
            add(ev, f"lower-shabelle-shabaab-{k}-b", t2, b2, "Al Shabaab", "Lower Shabelle", lag=1)
    # controls
    for k, ev in enumerate(dates_for(2.0, START, END, rng)):
        title, body = shabaab_mandera(WEEKDAYS[ev.weekday()], rng.randint(2, 6), rng.choice(MANDERA_TOWNS), k)
        add(ev, f"mandera-shabaab-{k}", title, body, "Al Shabaab", "Mandera", lag=1)
    for k, ev in enumerate(dates_for(4.0, START, END, rng)):
        title, body = iswap_borno(WEEKDAYS[ev.weekday()], rng.randint(2, 9), rng.choice(BORNO_TOWNS), k)
        # "troops clashed with ISWAP": the army is actor1, as ACLED codes a clash
        actor = "Military Forces of Nigeria (2015-)" if k % 4 == 2 else "Islamic State (West Africa)"
        add(ev, f"borno-iswap-{k}", title, body, actor, "Borno", lag=1)
    for k, ev in enumerate(dates_for(3.0, START, END, rng)):
        place, county = rng.choice(POKOT_PLACES)
        title, body = pokot(WEEKDAYS[ev.weekday()], rng.randint(2, 7), place, county, k)
        add(ev, f"pokot-{k}", title, body, "Pokot Ethnic Militia (Kenya)", county.replace(" County", ""), lag=1)
    for k in range(6):
        ev = START + datetime.timedelta(days=rng.randrange((END - START).days))
        title, body = QUIET[k % len(QUIET)]
        town = rng.choice(["Marka", "Maiduguri", "Lodwar", "Garissa"])
        add(ev, f"quiet-{k}", title.format(town=town), body.format(town=town), "", "", lag=0)

    with open(os.path.join(OUT, "expected.tsv"), "w") as ex:
        ex.write("# file\tevent_date\tactor1\tadmin1 (empty: no event expected)\n")
        for pub, slug, title, body, outlet, ev, actor, admin1, lag in sorted(reports, key=lambda r: (r[0], r[1])):
            name = f"{pub.isoformat()}-{slug}.txt"
            with open(os.path.join(OUT, name), "w") as f:
                f.write(header(title, pub, outlet) + body + "\n")
            ex.write(f"{name}\t{ev.isoformat() if actor else ''}\t{actor}\t{admin1}\n")
    print(f"{len(reports)} reports written to {OUT}")


if __name__ == "__main__":
    main()
