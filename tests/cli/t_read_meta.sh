# pok read, the document's facts on the command line: municipality, genre, date,
# references and decisions in the JSON and in the Dutch text, the caller's --municipality
# winning over the text, and the date check for one letter dated differently in two places.
cat >read_meta_rib.txt <<'DOC'
Raadsinformatiebrief
aan: de raad van de gemeente Hengelo
datum: 3 juni 2025
ons kenmerk: Z-25-0042

In navolging van de gemeente Enschede zetten wij POK-middelen in.
Het college heeft op 11 maart 2025 ingestemd met de inzet van de POK-middelen.
De Stichting Raadslieden Twente vraagt om een bijdrage (brief d.d. 2 mei
2025) voor extra uren.

Bijlage 1 - Brief van Stichting Raadslieden Twente 5 mei 2025 over extra uren
DOC
expect "read meta: json" 0 '"municipality":{"code":"GM0164","name":"Hengelo (O.)"}' \
  '"date":"2025-06-03"' '"genre":"raadsinformatiebrief"' '"references":["Z-25-0042"]' \
  '"decisions":[{"date":"2025-03-11","body":"college","outcome":"adopted"' \
  '"kind":"date"' '"line":11' '2 mei 2025 en in de bijlagenlijst 5 mei 2025' -- \
  "$POK" read --format json read_meta_rib.txt
expect "read meta: text" 0 "gemeente: Hengelo (O.)" "soort:    raadsinformatiebrief" \
  "kenmerk:  Z-25-0042" -- "$POK" read read_meta_rib.txt
expect "read meta: --municipality wins" 0 '"municipality":{"code":"GM0153","name":"Enschede"}' -- \
  "$POK" read --format json --municipality GM0153 read_meta_rib.txt
