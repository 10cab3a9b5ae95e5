#!/usr/bin/env python3
"""Writes N leads built from the real S&P 500 list (samples/quickstart/src/test/resources/sp500-constituents.csv,
ODC-PDDL-1.0, from GitHub datasets/s-and-p-500-companies) to stdout as a quickstart CSV. Deterministic: the same N
gives the same bytes. Same recipe as the forked-JVM test's generator (QuickstartStreamingTest.sp500Leads)."""
import csv, re, sys

FIRST = ["Ava", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Luca"]
LAST = ["Smith", "Garcia", "Nguyen", "Okafor", "Rossi", "Schmidt", "Tanaka", "Silva", "Kowalski", "Haddad"]
TITLES = ["VP Sales", "Director of Revenue Operations", "Chief Revenue Officer", "Sales Manager",
          "Head of Marketing", "Software Engineer", "Account Executive", "Operations Analyst", "CFO",
          "Business Development Representative"]
NOTES = ["", "Forecast lives in spreadsheets; budget approved for this quarter.",
         "Asked for a demo next month.", "Just browsing.", "Pipeline visibility is poor; evaluating tools.", ""]

def main(n, src):
    with open(src, newline="", encoding="utf-8") as f:
        companies = list(csv.DictReader(f))
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["company", "domain", "first_name", "last_name", "email", "title", "industry", "employees",
                "country", "notes"])
    for i in range(n):
        c = companies[i % len(companies)]
        domain = re.sub(r"[^a-z0-9]", "", c["Security"].lower()) + ".com"
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        w.writerow([c["Security"], domain, first, last, f"{first.lower()}.{last.lower()}.{i}@{domain}",
                    TITLES[i % len(TITLES)], c["GICS Sector"], 200 + (int(c["CIK"]) * 7 + i) % 90000, "US",
                    NOTES[i % len(NOTES)]])

if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50000,
         sys.argv[2] if len(sys.argv) > 2 else "samples/quickstart/src/test/resources/sp500-constituents.csv")
