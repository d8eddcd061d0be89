# The demo reproduces the worked figures of the source documents to the cent.
DEMO=$(db_new demo)
expect "demo loads" 0 "demo geladen" "342 gemeenten" -- "$POK" --db "$DEMO" demo
expect "demo refuses a database with data" 1 "bevat al gegevens" -- "$POK" --db "$DEMO" demo

# Overbetuwe: coverage with a reserve (raadsvoorstel, table Dekking).
"$POK" --db "$DEMO" coverage GM1734 --format csv >ovb.csv
expect_csv "Overbetuwe 2024 withdrawal 224.500" ovb.csv 0 2024 reserve_withdrawal_cents 22450000
expect_csv "Overbetuwe 2025 withdrawal 225.000" ovb.csv 0 2025 reserve_withdrawal_cents 22500000
expect_csv "Overbetuwe 2026 withdrawal 10.000" ovb.csv 0 2026 reserve_withdrawal_cents 1000000
expect_csv "Overbetuwe 2024 reserve 235.000" ovb.csv 0 2024 reserve_end_cents 23500000
expect_csv "Overbetuwe 2025 reserve 10.000" ovb.csv 0 2025 reserve_end_cents 1000000
expect_csv "Overbetuwe 2026 reserve 0" ovb.csv 0 2026 reserve_end_cents 0
expect_csv "Overbetuwe 2024 allocation used 175.000" ovb.csv 0 2024 from_allocation_cents 17500000
expect_csv "Overbetuwe 2025 spending 405.000" ovb.csv 0 2025 spending_cents 40500000
expect_csv "Overbetuwe 2027 unplanned 180.000" ovb.csv 0 2027 unplanned_cents 18000000
expect_csv "Overbetuwe 2026 nothing unplanned" ovb.csv 0 2026 unplanned_cents 0
expect "Overbetuwe coverage text is the council table" 0 \
  "Onttrekking uit reserve" "€ 224.500" "€ 225.000" "€ 10.000" "Reserve op 31 december" "€ 235.000" "€ 459.500" \
  -- "$POK" --db "$DEMO" coverage GM1734
expect "Overbetuwe coverage json contract" 0 '"municipality": "GM1734"' '"pots": [' \
  '"reserve_withdrawal_cents": 22450000' '"unplanned_cents": 18000000' '"allocation_cents": 17500000' \
  -- "$POK" --db "$DEMO" coverage GM1734 --format json
expect "Overbetuwe check: 2027 unplanned" 0 "2027" "€ 180.000" "zonder bestemming" -- "$POK" --db "$DEMO" check GM1734
expect "Overbetuwe check: the document's wrong total" 0 "Totaal 2024" "€ 596.437" "€ 634.500" "€ 38.063" \
  -- "$POK" --db "$DEMO" check GM1734
if grep -q "tekort" out; then not_ok "Overbetuwe has no shortfall"; else ok "Overbetuwe has no shortfall"; fi
expect "Overbetuwe check json" 0 '"kind": "unplanned"' '"amount_cents": 18000000' '"kind": "stated_mismatch"' \
  -- "$POK" --db "$DEMO" check GM1734 --format json

# Olst-Wijhe: allocations per actielijn, pooled pots, spending past 2027.
expect "Olst-Wijhe actielijn totals" 0 "€ 149.000" "€ 38.000" "€ 240.000" "€ 31.000" "€ 458.000" \
  -- "$POK" --db "$DEMO" allocation list GM1773
"$POK" --db "$DEMO" coverage GM1773 --format csv >ow.csv
expect_csv "Olst-Wijhe 2029 covered by the reserve" ow.csv 1 2029 reserve_withdrawal_cents 3500000
expect_csv "Olst-Wijhe 2029 no shortfall" ow.csv 1 2029 shortfall_cents 0
expect_csv "Olst-Wijhe pot 3+4+5 2027 allocation" ow.csv 2 2027 allocation_cents 4350000
expect "Olst-Wijhe has two pots" 0 "Actielijn 2" "Actielijnen 3, 4 en 5" -- "$POK" --db "$DEMO" pot list GM1773
expect "Olst-Wijhe stated 149.000 agrees" 0 "Controles GM1773" -- "$POK" --db "$DEMO" check GM1773
if grep -q "149.000" out; then not_ok "Olst-Wijhe 149.000 is not flagged"; else ok "Olst-Wijhe 149.000 is not flagged"; fi

# Hillegom: 2021 and 2022 carried to 2024, 17.359 of 2023 unexplained.
"$POK" --db "$DEMO" coverage GM0534 --format csv >hil.csv
expect_csv "Hillegom 2021 carried into the reserve" hil.csv 0 2021 reserve_deposit_cents 10543600
expect_csv "Hillegom 2022 carried into the reserve" hil.csv 0 2022 reserve_deposit_cents 8535200
expect_csv "Hillegom 2023 realised spending" hil.csv 0 2023 spending_cents 6698300
expect_csv "Hillegom 2023 unexplained 17.359" hil.csv 0 2023 unexplained_cents 1735900
expect_csv "Hillegom reserve at end of 2023" hil.csv 0 2023 reserve_end_cents 19078800
expect "Hillegom check: 17.359 unexplained" 0 "€ 17.359" "2023" -- "$POK" --db "$DEMO" check GM0534
expect "Hillegom transfers to 2024" 0 "overheveling" "2021→2024" "€ 105.436" "2022→2024" "€ 85.352" \
  -- "$POK" --db "$DEMO" reserve list GM0534

# Amstelveen: the declined ombudsman request, and the two dates of its letter.
expect "Amstelveen declined request" 0 "Ombudsman Metropool Amsterdam" "afgewezen" "2024-05-28" \
  -- "$POK" --db "$DEMO" request list GM0362
expect "Amstelveen decisions" 0 "2022-03-15" "2024-05-28" -- "$POK" --db "$DEMO" decision list GM0362
expect "Amstelveen check: letter date" 0 "24 april 2024" "25 april 2024" "€ 2.932.000" \
  -- "$POK" --db "$DEMO" check GM0362

# Every demo record cites a source.
uncited=$(db_query "select
  (select count(*) from allocation where source_id is null) +
  (select count(*) from measure where source_id is null) +
  (select count(*) from measure_amount where source_id is null) +
  (select count(*) from decision where source_id is null) +
  (select count(*) from evaluation where source_id is null) +
  (select count(*) from reserve_opening where source_id is null) +
  (select count(*) from reserve_movement where source_id is null)" "$DEMO")
[ "$uncited" = 0 ] && ok "every demo figure cites its source" || not_ok "every demo figure cites its source" "$uncited without source"
expect "inhabitants of 2021" 0 "inwoners 2021: 18361" -- "$POK" --db "$DEMO" municipality show GM1773
expect "search municipalities" 0 "GM1773" "Olst-Wijhe" "1 gemeenten" -- "$POK" --db "$DEMO" municipality list --search wijhe
expect "check all municipalities" 0 "4 gemeenten met gegevens gecontroleerd" -- "$POK" --db "$DEMO" check
