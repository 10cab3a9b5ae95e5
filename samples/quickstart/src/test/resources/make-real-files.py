#!/usr/bin/env python3
"""Builds the two real-shaped leads files of the default-profile tests from the project's shared real data.

  python3 make-real-files.py /work/shared/data

sp500-leads.csv: every S&P 500 company (sp500-constituents.csv: name, GICS sub-industry, headquarters) with one
contact each; the contacts (names and titles) are the apex-recipes contacts taken in turn, the e-mail is
first.last@<company name>.com, the country is the headquarters' country (a US state -> United States). No employee
count, no notes: the list states neither.

salesforce-contacts-report.csv: the apex-recipes contacts joined to their accounts (Contacts.json accountId ->
Accounts.json referenceId), written with the column labels of a Salesforce "Contacts & Accounts" report export:
First Name, Last Name, Title, Email, Phone, Account Name, Industry, Employees, Annual Revenue, Billing Country.
"""
import csv
import json
import re
import sys
from pathlib import Path

data = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data")
here = Path(__file__).resolve().parent
accounts = json.loads((data / "salesforce/apex-recipes/Accounts.json").read_text())["records"]
contacts = json.loads((data / "salesforce/apex-recipes/Contacts.json").read_text())["records"]
by_ref = {a["attributes"]["referenceId"]: a for a in accounts}

with open(here / "salesforce-contacts-report.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["First Name", "Last Name", "Title", "Email", "Phone", "Account Name", "Industry", "Employees",
                "Annual Revenue", "Billing Country"])
    for c in contacts:
        a = by_ref[c["accountId"].lstrip("@")]
        w.writerow([c["firstName"], c["lastName"], c["title"], c["email"], c["phone"], a["name"], a["industry"],
                    a["NumberOfEmployees"], a["annualrevenue"], a["billingcountry"]])

US_STATES = {"Alabama", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "D.C.", "Delaware", "Florida",
             "Georgia", "Idaho", "Illinois", "Indiana", "Iowa", "Kentucky", "Louisiana", "Maine", "Maryland",
             "Massachusetts", "Michigan", "Minnesota", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire",
             "New Jersey", "New York", "North Carolina", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
             "Tennessee", "Texas", "Utah", "Virginia", "Washington", "Wisconsin"}
with open(here / "sp500-constituents.csv", encoding="utf-8") as src, \
        open(here / "sp500-leads.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["Company", "First Name", "Last Name", "Email", "Job Title", "Industry", "Country"])
    for i, row in enumerate(csv.DictReader(src)):
        c = contacts[i % len(contacts)]
        place = re.sub(r"\[\d+\]$", "", row["Headquarters Location"].split(",")[-1].strip())
        country = "United States" if place in US_STATES else ("" if place == "none" else place)
        domain = re.sub(r"[^a-z0-9]", "", row["Security"].lower()) + ".com"
        email = (c["firstName"] + "." + c["lastName"]).lower().replace(" ", "").replace("'", "") + "@" + domain
        w.writerow([row["Security"], c["firstName"], c["lastName"], email, c["title"], row["GICS Sub-Industry"],
                    country])
