# Optimistic versioning on the command line: --if-version N (or "geen": no record yet)
# makes a change only while N is still the current version; otherwise it fails with the
# conflict naming who changed the record, and nothing changes. Without the option there
# is no check. Runs in its own database; $POK_DB and $POK_USER are restored at the end.
VERSIONING_OUTER_DB=$POK_DB
VERSIONING_OUTER_USER=${POK_USER-}
POK_DB=$(db_new versioning)
export POK_USER=anna

expect "versioning: init" 0 "is klaar" -- "$POK" init
expect "versioning: municipality" 0 "opgeslagen" -- "$POK" municipality add GM1734 Overbetuwe
expect "versioning: source" 0 "bron 1 opgeslagen" -- \
  "$POK" source add --title 'Decembercirculaire 2021' --kind circulaire
expect "versioning: measure" 0 "maatregel 1 opgeslagen" -- "$POK" measure add GM1734 Schuldhulp
expect "measure show prints the version" 0 "versie: 1" -- "$POK" measure show 1

# anna and bert both read version 1; anna saves first
expect "measure update --if-version 1" 0 "maatregel 1 bijgewerkt: Schuldhulp anna" -- \
  "$POK" measure update 1 --name 'Schuldhulp anna' --if-version 1
before=$(db_dump)
POK_USER=bert
expect "measure update on an old version: conflict" 1 \
  "Deze maatregel is intussen gewijzigd door cli:anna (" "Uw wijziging is niet opgeslagen." -- \
  "$POK" measure update 1 --name 'Schuldhulp bert' --if-version 1
POK_USER=anna
if [ "$(db_dump)" = "$before" ]; then ok "the conflict changed nothing"; else not_ok "the conflict changed nothing" "the database differs"; fi
expect "measure show: anna's name, version 2" 0 "maatregel 1: Schuldhulp anna" "versie: 2" -- \
  "$POK" measure show 1
expect "measure update --if-version: not a number" 1 \
  "veld 'if-version': verwacht een versienummer (1 of hoger) of 'geen', niet 'twee'" -- \
  "$POK" measure update 1 --name x --if-version twee
expect "measure update without --if-version: no check" 0 "bijgewerkt: Schuldhulp" -- \
  "$POK" measure update 1 --name Schuldhulp

# a plan amount nobody has set yet: "geen"
expect "measure plan --if-version geen" 0 "maatregel 1 2025 gepland: € 50.000" -- \
  "$POK" measure plan 1 2025 50.000 --if-version geen
expect "measure plan --if-version geen again: conflict" 1 \
  "Het geplande bedrag van 2025 is intussen vastgelegd door cli:anna (" -- \
  "$POK" measure plan 1 2025 60.000 --if-version geen
expect "measure plan --if-version 1" 0 "€ 60.000" -- "$POK" measure plan 1 2025 60.000 --if-version 1
expect "measure realised --if-version 1 on a year without one: conflict" 1 \
  "Het gerealiseerde bedrag van 2025 is intussen verwijderd" -- \
  "$POK" measure realised 1 2025 10.000 --if-version 1
expect_rows "measure show: the plan of the successful save" "2025 gepland € 60.000" -- "$POK" measure show 1

# the reserve opening and an allocation (a new version; --if-version names the current one)
expect "reserve opening --if-version geen" 0 "beginstand reserve GM1734" -- \
  "$POK" reserve opening GM1734 2024 459.500 --if-version geen
expect "reserve opening --if-version 2: conflict" 1 \
  "De beginstand van de reserve is intussen vastgelegd door cli:anna (" -- \
  "$POK" reserve opening GM1734 2024 1.000 --if-version 2
expect "allocation add --if-version geen" 0 "(versie 1)" -- \
  "$POK" allocation add GM1734 2 2024 100.000 --source 1 --if-version geen
expect "allocation add --if-version 1" 0 "(versie 2)" -- \
  "$POK" allocation add GM1734 2 2024 110.000 --source 1 --if-version 1
expect "allocation add --if-version 1 again: conflict" 1 \
  "De toekenning van 2024 is intussen vastgelegd door cli:anna (" -- \
  "$POK" allocation add GM1734 2 2024 120.000 --source 1 --if-version 1
if [ "$(db_query "select count(*) from allocation")" = 2 ]; then ok "allocation: two versions stored"; else not_ok "allocation: two versions stored" "$(db_query "select count(*) from allocation")"; fi

POK_DB=$VERSIONING_OUTER_DB
if [ -n "$VERSIONING_OUTER_USER" ]; then export POK_USER=$VERSIONING_OUTER_USER; else unset POK_USER; fi
