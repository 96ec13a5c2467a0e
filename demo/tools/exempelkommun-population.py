"""Writes demo/exempelkommun-population.csv: a SYNTHETIC population for Exempelkommun (9998),
2019-2024 as "observed" and 2025-2034 as a projection, from a simple cohort model (constant births,
Gompertz-like mortality, net in-migration of young adults, a large 1940s cohort reaching 80+).
Plausible in shape for a municipality of about 39 000 (the cohort model is run at full scale and scaled by 0.46) inhabitants; not real data."""
import math

def mortality(a):
    return min(0.5, 0.0003 + 0.000008 * math.exp(0.11 * a))

def initial(a):
    base = 560 - 0.9 * a
    bump = 70 * math.exp(-((a - 74) / 5.0) ** 2)  # born 1944-1948
    old = base if a < 70 else base * math.exp(-0.085 * (a - 70))
    return max(0.0, old + bump)

pop = {2019: {s: [initial(a) * (0.97 if s == "m" and a > 70 else 1.0) for a in range(101)] for s in "mk"}}
for y in range(2020, 2035):
    prev, cur = pop[y - 1], {}
    for s in "mk":
        p, n = prev[s], [0.0] * 101
        n[0] = 255.0 if s == "m" else 243.0
        for a in range(100):
            n[a + 1] += p[a] * (1 - mortality(a))
        n[100] += p[100] * (1 - mortality(100))
        for a in range(20, 41):
            n[a] += 2.5
        cur[s] = n
    pop[y] = cur

with open("demo/exempelkommun-population.csv", "w") as f:
    f.write("region;år;ålder;kön;antal\n")
    for y, by_sex in pop.items():
        for s in "mk":
            for a, v in enumerate(by_sex[s]):
                f.write(f"9998;{y};{'100+' if a == 100 else a};{s};{round(v * 0.46)}\n")
