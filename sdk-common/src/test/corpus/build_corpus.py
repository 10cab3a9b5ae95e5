#!/usr/bin/env python3
"""Builds src/test/resources/redaction-corpus.tsv: KIND <TAB> line <TAB> values that must not survive (|| separated).

The values are written by hand from published numbering plans and vendor formats (fictional/drama ranges where a
regulator reserves them: Ofcom 020 7946 0xxx / 07700 900xxx, NANP 555-01xx, ACMA 0491 570 xxx); the templates put
them into the shapes they take in logs. Re-run after editing: python3 build_corpus.py > ../resources/redaction-corpus.tsv
"""

PHONES = {
    # country: (national forms, international forms)
    "US": (["(415) 555-0132", "415-555-0132", "415.555.0132", "212 555 0187", "1-650-253-0000"],
           ["+1 415 555 0132", "+1-202-456-1111", "+14155550132", "011 44 20 7946 0958"]),
    "GB": (["020 7946 0958", "07700 900123", "0161 496 0000", "(0113) 496 0123", "01632 960001"],
           ["+44 20 7946 0958", "+44 7700 900123", "0044 20 7946 0958", "+44 (0)20 7946 0958", "+447700900123"]),
    "DE": (["030 12345678", "089 1234567", "0151 23456789", "0170/1234567", "(030) 1234-5678"],
           ["+49 30 12345678", "+49 151 23456789", "0049 89 1234567", "+49 (0)30 12345678"]),
    "FR": (["01 23 45 67 89", "06 12 34 56 78", "04.91.12.34.56", "0612345678"],
           ["+33 1 23 45 67 89", "+33 6 12 34 56 78", "0033 6 12 34 56 78", "+33612345678"]),
    "ES": (["912 345 678", "612 34 56 78", "93 123 45 67"],
           ["+34 912 345 678", "+34 612 34 56 78", "0034 612 345 678"]),
    "IT": (["06 1234 5678", "02 1234 5678", "347 123 4567", "333 1234567"],
           ["+39 06 1234 5678", "+39 347 123 4567", "0039 02 1234 5678"]),
    "NL": (["020 123 4567", "06 12345678", "010-1234567"],
           ["+31 20 123 4567", "+31 6 12345678", "0031 6 1234 5678"]),
    "BE": (["02 123 45 67", "0470 12 34 56"],
           ["+32 2 123 45 67", "+32 470 12 34 56"]),
    "CH": (["044 668 18 00", "078 123 45 67"],
           ["+41 44 668 18 00", "+41 78 123 45 67", "0041 44 668 18 00"]),
    "AT": (["01 5123456", "0664 1234567"],
           ["+43 1 5123456", "+43 664 1234567"]),
    "SE": (["08-123 456 78", "070-123 45 67"],
           ["+46 8 123 456 78", "+46 70 123 45 67"]),
    "PL": (["22 123 45 67", "512 345 678"],
           ["+48 22 123 45 67", "+48 512 345 678"]),
    "IE": (["01 234 5678", "085 123 4567"],
           ["+353 1 234 5678", "+353 85 123 4567"]),
    "IN": (["098765 43210", "011 2345 6789", "022-2345 6789"],
           ["+91 98765 43210", "+91 11 2345 6789", "+919876543210"]),
    "AU": (["(02) 9876 5432", "0491 570 156", "03 9123 4567"],
           ["+61 2 9876 5432", "+61 491 570 156", "+61 (0)3 9123 4567"]),
    "BR": (["(11) 91234-5678", "(21) 2345-6789", "011 91234-5678"],
           ["+55 11 91234-5678", "+55 21 2345 6789"]),
    "MX": (["55 1234 5678", "81 1234 5678"],
           ["+52 55 1234 5678", "+52 1 55 1234 5678"]),
    "JP": (["03-1234-5678", "090-1234-5678", "06-6123-4567"],
           ["+81 3-1234-5678", "+81 90-1234-5678", "+81 (0)3 1234 5678"]),
    "CN": (["010 1234 5678", "138 0013 8000", "021-6123-4567"],
           ["+86 10 1234 5678", "+86 138 0013 8000"]),
    "SG": (["6123 4567", "9123 4567"],
           ["+65 6123 4567", "+65 9123 4567"]),
    "ZA": (["021 123 4567", "082 123 4567"],
           ["+27 21 123 4567", "+27 82 123 4567"]),
    "CA": (["(416) 555-0199", "604 555 0123"],
           ["+1 416 555 0199", "+1 (604) 555-0123"]),
    "KR": ([], ["+82 2-312-3456", "+82 10-1234-5678"]),
    "RU": ([], ["+7 495 123-45-67", "+7 912 345-67-89"]),
    "AE": ([], ["+971 4 123 4567", "+971 50 123 4567"]),
    "NG": ([], ["+234 803 123 4567"]),
    "AR": ([], ["+54 9 11 2345-6789"]),
    "TR": ([], ["+90 212 345 67 89"]),
}

PHONE_TEMPLATES = [
    "Call me on {v} tomorrow after 10:30",
    "lead updated: phone={v}, source=web, score=72",
    '{{"firstname":"Ada","phone":"{v}","lifecyclestage":"lead"}}',
    "Tel: {v} | Fax: n/a",
]

EMAILS = [
    "jane.doe@acme.com", "J.Smith+crm@sub.example.co.uk", "a_b-c%d@x-y.org", "o.brien@example.ie",
    "renée.dupont@société.fr", "renee.dupont@xn--socit-esab.fr", "ivan@банк.рф", "ivan@xn--80ab2al.xn--p1ai",
    "用户@例子.广告", "user@xn--fsqu00a.xn--4rr70v", "müller@bücher.de", "info@xn--bcher-kva.de",
    "josé.garcía@empresa.es", "δοκιμή@παράδειγμα.δοκιμή", "χρήστης@ελληνικά.gr", "مستخدم@مثال.شبكة",
    "उपयोगकर्ता@उदाहरण.भारत", "ผู้ใช้@ตัวอย่าง.ไทย", "ユーザー@例え.jp", "Zoë.Ødegård@firma.no",
    "SALES@ACME-CORP.COM", "ops.team-42@mail.eu-west-1.example.cloud", "françois@exemple.québec",
    "łukasz.żmijewski@przykład.pl", "nguyễn.an@côngty.vn",
]

EMAIL_TEMPLATES = [
    "From: {v}",
    "Contact <{v}> replied to the proposal",
    '{{"email":"{v}","status":"open"}}',
    "GET /crm/v3/objects/contacts?email={v} -> 200",
]

SECRETS = [
    # (line, secret value)
    ("OPENAI_API_KEY=sk-proj-Xc9v7Lm2Qp4Rt8Wz1Yb6Nd3Kf5Hj0Gs2Ae4Ui6Oo8Pl1Mn3Bv5Cx7Zq9Wr2Ty4Ue6Io8Pa0Sd2Fg4Hj6Kl8", "sk-proj-Xc9v7Lm2Qp4Rt8Wz1Yb6Nd3Kf5Hj0Gs2Ae4Ui6Oo8Pl1Mn3Bv5Cx7Zq9Wr2Ty4Ue6Io8Pa0Sd2Fg4Hj6Kl8"),
    ("openai error: Incorrect API key provided: sk-abc123XYZ789def456GHI012jkl345MNO678pqr9", "sk-abc123XYZ789def456GHI012jkl345MNO678pqr9"),
    ("using key sk-svcacct-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12 for batch", "sk-svcacct-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12"),
    ("admin key sk-admin-Zz99Yy88Xx77Ww66Vv55Uu44Tt33Ss22Rr11 rotated", "sk-admin-Zz99Yy88Xx77Ww66Vv55Uu44Tt33Ss22Rr11"),
    ("x-api-key: sk-ant-api03-R2D2C3POr2d2c3poR2D2C3POr2d2c3poR2D2C3POr2d2c3poR2D2C3POr2d2c3po-AbCdEfAA", "sk-ant-api03-R2D2C3POr2d2c3poR2D2C3POr2d2c3poR2D2C3POr2d2c3poR2D2C3POr2d2c3po-AbCdEfAA"),
    ("anthropic.api-key = sk-ant-admin01-Qw3rTy8uIoP4aSdF6gHjK2lZxC9vBnM1qW3eR5tY7uI9oP1aS3dF5gH7jK9lZ1xC3vB5nM7", "sk-ant-admin01-Qw3rTy8uIoP4aSdF6gHjK2lZxC9vBnM1qW3eR5tY7uI9oP1aS3dF5gH7jK9lZ1xC3vB5nM7"),
    ("Anthropic request failed with key sk-ant-api03-xYz_123-ABCdefGHIjklMNOpqrSTUvwx in header", "sk-ant-api03-xYz_123-ABCdefGHIjklMNOpqrSTUvwx"),
    ("HubSpot token pat-na1-8f14e45f-ceea-467f-a5c6-5a3e7f0b3c21 expired", "pat-na1-8f14e45f-ceea-467f-a5c6-5a3e7f0b3c21"),
    ("hubspot.access-token: pat-eu1-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "pat-eu1-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"),
    ("GET /crm/v3/objects/deals?hapikey=1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901 -> 401", "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"),
    ("Salesforce session 00D5g000004XXXXAAA!AQ8AQPvM4g1Ndu8xq7Aq2sh9P.nBAqbhbWbtXgFxLk4oYdrJ6Q2ZkF in cookie sid", "00D5g000004XXXXAAA!AQ8AQPvM4g1Ndu8xq7Aq2sh9P.nBAqbhbWbtXgFxLk4oYdrJ6Q2ZkF"),
    ('{"access_token":"00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX.LVpxezPwuX5VAIrrbbHMuol7GQxnMeYMN7cj8EoWr78nt1u44zU0jBQV0q4K9lOhe","instance_url":"https://acme.my.salesforce.com"}', "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX.LVpxezPwuX5VAIrrbbHMuol7GQxnMeYMN7cj8EoWr78nt1u44zU0jBQV0q4K9lOhe"),
    ('Authorization: OAuth realm="1234567_SB1",oauth_consumer_key="ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4",oauth_token="2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc",oauth_signature_method="HMAC-SHA256",oauth_signature="wDDBeW4nXyHZ%2B9FSpCp3TuWUMrc1XT8bx5c5KAg6Pc0%3D"', "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4||2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc||wDDBeW4nXyHZ%2B9FSpCp3TuWUMrc1XT8bx5c5KAg6Pc0%3D"),
    ("netsuite.token-secret=c8f2a1e9b7d64f3a8e5c2b1d9f7e6a4c3b2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f", "c8f2a1e9b7d64f3a8e5c2b1d9f7e6a4c3b2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f"),
    ("NetSuite TBA tokenId=4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b consumerSecret=9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b", "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b||9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b"),
    ("NetSuite token secret 7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f rejected", "7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f"),
    ("Authorization: Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY21lIiwiYXVkIjoibmV0c3VpdGUifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU", "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY21lIiwiYXVkIjoibmV0c3VpdGUifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU"),
    ("Proxy-Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==", "dXNlcjpwYXNzd29yZDEyMw=="),
    ("authorization=Bearer ya29.a0AfH6SMBx3Kq9vZ2rT5uW8yA1cE4gI7kM0oQ3sU6wY9zB2dF5hJ8lN1pR4tV7xZ", "ya29.a0AfH6SMBx3Kq9vZ2rT5uW8yA1cE4gI7kM0oQ3sU6wY9zB2dF5hJ8lN1pR4tV7xZ"),
    ("headers={Accept=application/json, Authorization=Bearer 1f2e3d4c5b6a79880a1b2c3d4e5f6a7b, X-Request-Id=42}", "1f2e3d4c5b6a79880a1b2c3d4e5f6a7b"),
    ("retrying with bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
    ("id_token eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImphbmVAYWNtZS5jb20ifQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk received", "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImphbmVAYWNtZS5jb20ifQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
    ("jdbc url postgresql://salesagent:Tr0ub4dor&3@db.internal:5432/app", "Tr0ub4dor&3"),
    ("fetching https://deploy:ghp_R4nd0mT0k3nV4lu3@git.example.com/acme/app.git", "ghp_R4nd0mT0k3nV4lu3"),
    ("redis://default:s3cr3t-p4ss@cache.internal:6379/0 connected", "s3cr3t-p4ss"),
    ("POST /oauth/token client_id=abc&client_secret=Zk7Pq2Xw9Lm4Rt8Vb1Nc6&grant_type=refresh_token", "Zk7Pq2Xw9Lm4Rt8Vb1Nc6"),
    ("config: password=hunter2 user=admin", "hunter2"),
    ('{"username":"jane","password":"c0rrect horse battery staple"}', "c0rrect horse battery staple"),
    ("refresh_token=1//0gXyZ-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 expires_in=3599", "1//0gXyZ-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"),
    ("secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("apiKey='AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'", "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"),
    ("aws AKIAIOSFODNN7EXAMPLE used from 10.0.0.1", "AKIAIOSFODNN7EXAMPLE"),
    ("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc charged", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
    ("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx posted", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"),
    ("token=ghs_16C7e42F292c6912E7710c838347Ae178B4a&state=open", "ghs_16C7e42F292c6912E7710c838347Ae178B4a"),
    ("ACCESS_KEY: 'AbCdEf0123456789GhIjKl'", "AbCdEf0123456789GhIjKl"),
    ("db.password = \"P@ssw0rd!2024\"", "P@ssw0rd!2024"),
    ("oauth_token=2b0ce516420110bcbd36b69e99196d1b&oauth_verifier=abc", "2b0ce516420110bcbd36b69e99196d1b"),
    ("privateKey=MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7"),
    ("apikey rotated: new api_key: 6f1ed002ab5595859014ebf0951522d9", "6f1ed002ab5595859014ebf0951522d9"),
]

RECORDS = [
    ("Scored lead Renée Dupont at 82", "Renée Dupont"),
    ("Follow-up for DUPONT, Renée scheduled", "DUPONT, Renée"),
    ("Dupont asked for pricing", "Dupont"),
    ("Proposal for José García sent", "José García"),
    ("Greeting Nguyễn Văn An by name", "Nguyễn Văn An"),
    ("Contact 山田 太郎 joined the call", "山田 太郎"),
    ("Иван Петров: interested in the enterprise plan", "Иван Петров"),
    ("ship to 12 rue de la Paix, 75002 Paris, France", "12 rue de la Paix||75002 Paris"),
    ("address: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5||10115 Berlin"),
    ("billing 221B Baker Street, London NW1 6XE", "221B Baker Street||London NW1 6XE"),
    ("Calle de Alcalá 45, 28014 Madrid on file", "Calle de Alcalá 45||28014 Madrid"),
    ("ul. Marszałkowska 10/12, 00-590 Warszawa", "ul. Marszałkowska 10/12||00-590 Warszawa"),
    ("office 東京都千代田区千代田1-1 confirmed", "東京都千代田区千代田1-1"),
    ("born 1984-03-14 per KYC", "1984-03-14"),
    ("dob=14.03.1984", "14.03.1984"),
    ("date of birth 14/03/1984", "14/03/1984"),
    ("DOB 03/14/1984 (US form)", "03/14/1984"),
    ("birthday March 14, 1984", "March 14, 1984"),
    ("born 14 Mar 1984 in Lyon", "14 Mar 1984"),
]

LOOKALIKES = [
    "Order ORD-2024-000123 shipped on 2024-01-15",
    "order 4155550132 created by import",
    "Invoice INV-10045 total $1,234,567.89",
    "Invoice 2024-000187 due 2025-02-28",
    "PO 4500012345 approved",
    "Quote SO-2025-0042 for 250 units at 17.50 USD",
    "Account number 12345678",
    "customer id 10293847 merged into 10293848",
    "Case #00012345 escalated",
    "Meeting at 10:30 on 15/01/2025, room 4-201",
    "2024-01-15T10:30:00Z request completed",
    "2024-01-15 10:30:00,123 INFO started",
    "ts=1705312200 epoch seconds",
    "timestamp 1705312200123 ms",
    "15.01.2025 Lieferung",
    "01/15/2025 delivery window 08:00-12:00",
    "20250115 batch file processed",
    "Amount EUR 1.234.567,89 booked",
    "Total: 1 234 567,89 zł",
    "price ¥120000 per seat",
    "revenue 12345678.90 USD",
    "balance -0.0012345678 BTC",
    "ISBN 978-3-16-148410-0",
    "ISBN 0-306-40615-2",
    "book 9780306406157 in stock",
    "isbn-10 0306406152 listed",
    "Tracking 1Z999AA10123456784",
    "FedEx 7489 1234 5678 out for delivery",
    "USPS 9400 1000 0000 0000 0000 00 delivered",
    "DHL JD014600006101234567 in transit",
    "Royal Mail AB123456789GB posted",
    "Version 1.2.3 released, build 20250115",
    "ip 192.168.100.200 gateway 10.0.0.1",
    "upgraded to 10.4.22.1",
    "OID 1.2.840.113549.1.1.11",
    "request 550e8400-e29b-41d4-a716-446655440000 done",
    "commit 3f2a9c1e7b4d5e6f8091a2b3c4d5e6f708192a3b",
    "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "Card-like but Luhn-invalid 4111 1111 1111 1112",
    "IBAN-like but checksum-invalid DE88 3704 0044 0532 0130 00",
    "Not an SSN: 000-12-3456 or 666-12-3456",
    "took 1234 ms, 5678 tokens, 12345678 bytes",
    "max_tokens=4096 input_tokens=123456 output_tokens=7890",
    "prompt_tokens: 1200, completion_tokens: 345",
    "port 5432 pid 1234567",
    "HTTP 200 OK in 1234567 ns",
    "the bearer token expired at 10:30",
    "password reset requested for account 12345678",
    "keyboard layout changed, monkey=3",
    "token count 123456789 exceeds budget",
    "user at example dot com",
    "see pages 123-145 and 1995-2024",
    "coordinates 51.5074, -0.1278",
    "weight 1234567 g and 0.12345678 kg",
    "SKU 012345678905 restocked",
    "EAN 4006381333931 scanned",
    "build 4901542032 of 2025",
    "serial 8471920365 replaced",
    "lot 20241231-0042 expired",
    "score 72/100 after 3 calls",
    "range 1000000-2000000",
    "at 2025-03-01 09:00:00.123456 UTC",
    "run 7c9e6679-7425-40de-944b-e07fc1f90ae7 step 12",
    "@acme/sdk@1.2.3 installed",
    "tracking: 61290912345678901234",
    "Transaction 20250115123045 settled",
    "Rechnung Nr. 2024100123 bezahlt",
    "Bestellnummer 0301234567",
    "Facture n° 0612345678 payée",
    "invoice no. 02079460958",
]

def main():
    out = []
    for country, (national, international) in PHONES.items():
        for v in national + international:
            for t in PHONE_TEMPLATES:
                out.append(("PHONE", t.format(v=v), v))
    for v in EMAILS:
        for t in EMAIL_TEMPLATES:
            out.append(("EMAIL", t.format(v=v), v))
    for line, v in SECRETS:
        out.append(("SECRET", line, v))
    for line, v in RECORDS:
        out.append(("RECORD", line, v))
    for line in LOOKALIKES:
        out.append(("LOOKALIKE", line, ""))
    print("# kind\tline\tvalues that must not survive (|| separated); generated by src/test/corpus/build_corpus.py")
    for kind, line, v in out:
        assert "\t" not in line and "\n" not in line
        print(f"{kind}\t{line}\t{v}")

main()
