#!/usr/bin/env bash
# bench/run.sh — how fast briefing renders and how much memory it takes,
# against a browser printing the same briefing. Not run by CI.
#
#   bench/run.sh            # everything below
#   N=200 BIG= bench/run.sh # a smaller batch, no large inputs
#
# It builds the binary and prints, each on its own line:
#   batch    N incident files made from the samples (each with its own id)
#            rendered in Japanese at -j 1 and at -j 2: wall time, PDFs/s,
#            CPU ms per PDF, peak RSS
#   cold     one cold "briefing render" of one file (median of RUNS runs)
#   table    one briefing whose procurement table has 1,000 / 10,000 /
#            50,000 rows: time and peak RSS
#   summary  one briefing with a 4 MB summary (the largest an incident
#            file may be is 4 MiB) in one paragraph, the same text as
#            paragraphs, as a list, and a 4 MB code block: time and peak
#            RSS of each (a 10 MB paragraph: go test -bench LongParagraph
#            ./briefing/layout)
#   digest   a digest of 50 / 500 / 2,000 incidents: time, peak RSS, and
#            the 2,000-incident time (and CPU) divided by the 500-incident one
#   chromium the same briefing written as HTML
#            (../shared/bench/briefing.ja.html) printed to PDF with
#            headless Chromium, in the same run, and the ratios
# Peak RSS is /usr/bin/time -v's maximum resident set size. Settings
# (environment):
#
#   N        incident files in the batch (1000); 0 for no batch
#   JOBS     the -j of each batch run ("1 2")
#   LANGS    briefing languages, --lang (ja)
#   SAMPLES  incident files the batch is made from, cycled
#            (samples/pla-61419-antivirus.toml, the seed)
#   RUNS     cold runs to take the median of (20)
#   BIG      the large inputs: table rows, then "summary", then "digest:"
#            and incident counts ("1000 10000 50000 summary digest:50,500,2000");
#            empty for none
#   BROWSER_RUNS  Chromium runs to take the median of (5)
#   HTML     the HTML briefing (../shared/bench/briefing.ja.html)
#   NO_HYPERFINE=1  time the cold runs with the shell's clock instead of
#            hyperfine (which is installed with apt-get when missing)
#   KEEP=1   keep the temporary folder
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
N=${N:-1000}
JOBS=${JOBS:-1 2}
BIG=${BIG-1000 10000 50000 summary digest:50,500,2000}
LANGS=${LANGS:-ja}
SAMPLES=${SAMPLES:-samples/pla-61419-antivirus.toml}
RUNS=${RUNS:-20}
BROWSER_RUNS=${BROWSER_RUNS:-5}
HTML=${HTML:-$root/../shared/bench/briefing.ja.html}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/briefing-bench.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then
	echo "keeping $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
fi

apt_install() { # package…: install with apt-get, quietly, as root or with sudo
	local sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	echo "installing $* with apt-get…" >&2
	$sudo apt-get install -y -qq "$@" >/dev/null 2>&1 ||
		{ $sudo apt-get update -qq >/dev/null 2>&1 && $sudo apt-get install -y -qq "$@" >/dev/null 2>&1; }
}

median() { # numbers on stdin → their median
	sort -n | awk '{a[NR]=$1} END {if (NR==0) exit 1; if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'
}

# now_us VAR: sets VAR to the wall clock in microseconds. Read from bash's
# EPOCHREALTIME, without starting a process: a "$(date …)" around a run
# counted the start of date and a subshell as the run's (12 ms of the
# "cold" time on a busy machine, where a run of /bin/true took 1 ms).
now_us() { local t=${EPOCHREALTIME/[.,]/}; printf -v "$1" '%s' "$t"; }

# The machine.
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
echo "machine: $(nproc) cores, $cpu, $(go version | awk '{print $3}'), $(uname -sr)"

# The binary.
go build -trimpath -o "$tmp/briefing" ./cmd/briefing
bin=$tmp/briefing
echo "binary:  $(($(stat -c %s "$bin") / 1024 / 1024)) MB"

# N incident files with distinct ids: the first "id = …" line of a sample
# is the incident's (those of its references come later).
# shellcheck disable=SC2206 # SAMPLES may hold patterns: samples/*.toml
samples=($SAMPLES)
mkdir -p "$tmp/in"
for s in "${samples[@]}"; do
	[ -f "$s" ] || { echo "no sample $s" >&2; exit 1; }
done
awk -v n="$N" -v dir="$tmp/in" '
	FNR == 1 { k++; file[k] = FILENAME }
	{ line[k, FNR] = $0; lines[k] = FNR }
	END {
		for (i = 0; i < n; i++) {
			s = i % k + 1; done = 0; out = ""
			for (j = 1; j <= lines[s]; j++) {
				l = line[s, j]
				if (!done && l ~ /^id = "/) {
					split(l, q, "\""); id = sprintf("%s-%05d", q[2], i)
					l = "id = \"" id "\""; done = 1
					out = dir "/" id ".toml"
				}
				buf[j] = l
			}
			for (j = 1; j <= lines[s]; j++) print buf[j] > out
			close(out)
		}
	}' "${samples[@]}"

# measure NAME CMD…: runs CMD under /usr/bin/time -v; sets secs (wall),
# cpu_s (user + system) and rss (peak, MB).
[ -x /usr/bin/time ] || apt_install time
measure() {
	local name=$1 start end
	shift
	now_us start
	/usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/$name.out" 2>"$tmp/$name.log" ||
		{ cat "$tmp/$name.log" >&2; exit 1; }
	now_us end
	secs=$(awk -v us=$((end - start)) 'BEGIN {printf "%.3f", us/1e6}')
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$tmp/time.txt")
	cpu_s=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$tmp/time.txt")
}

# The batch at each -j, with its peak RSS.
[ "$N" -gt 0 ] || JOBS= # no batch
for j in $JOBS; do
	rm -rf "$tmp/out"
	measure batch "$bin" render --lang "$LANGS" -j "$j" -o "$tmp/out" "$tmp/in"
	made=$(find "$tmp/out" -name '*.pdf' | wc -l)
	echo "batch:   $made briefings ($LANGS) from $N files, -j $j: $secs s, $(awk -v n="$made" -v s="$secs" 'BEGIN {printf "%.0f", n/s}') PDFs/s, $cpu_s s CPU = $(awk -v n="$made" -v c="$cpu_s" 'BEGIN {printf "%.2f", c*1000/n}') ms CPU a PDF, peak RSS $rss MB"
	batch_secs=$secs
done
if [ "$N" -gt 0 ]; then
	bytes=$(find "$tmp/out" -name '*.pdf' -printf '%s\n' | awk '{t+=$1} END {printf "%d", t/NR}')
	echo "pdf:     $bytes bytes a briefing (mean)"
fi

# One cold render of one file, as from a script or an editor.
one=${samples[0]}
[ -n "${NO_HYPERFINE:-}" ] || command -v hyperfine >/dev/null || apt_install hyperfine || true
if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$tmp/cold.json" \
		"$bin render --lang $LANGS -o $tmp/cold $one" >/dev/null 2>&1
	cold=$(grep -o '"median": *[0-9.e-]*' "$tmp/cold.json" | head -1 | awk -F: '{printf "%.1f", $2*1000}')
else
	"$bin" render --lang "$LANGS" -o "$tmp/cold" "$one" 2>/dev/null # warm-up, as hyperfine's
	for ((i = 0; i < RUNS; i++)); do
		now_us a
		"$bin" render --lang "$LANGS" -o "$tmp/cold" "$one" 2>/dev/null
		now_us b
		echo $((b - a))
	done | median >"$tmp/cold.txt"
	cold=$(awk '{printf "%.1f", $1/1000}' "$tmp/cold.txt")
fi
pdf=$(find "$tmp/cold" -name '*.pdf' | head -1)
one_bytes=$(stat -c %s "$pdf")
echo "cold:    $cold ms for one \"briefing render\" of $(basename "$one") (median of $RUNS), $one_bytes bytes, $(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages"

# The large inputs, made from the seed sample.
seed=samples/pla-61419-antivirus.toml
mkdir -p "$tmp/big"
digest_secs=()
for what in $BIG; do
	case $what in
	summary)
		# A summary of 4,000,000 bytes (the file stays under the 4 MiB
		# cap): one paragraph, then the same sentences as paragraphs of
		# four, as a list of one an item, and a code block of as many bytes.
		for kind in one paragraphs list code; do
			LC_ALL=C awk -v n=4000000 -v kind="$kind" '
				/^summary.ja = / {
					printf "summary.ja = \"\"\"\n"
					s = "PLAの61419部隊と呼ばれるSSFの部隊が、欧米露のアンチウィルスソフト購入を企図した。"
					c = "if (x == 1) { return foo(bar, baz); } // 部隊の購入 2019-05-01"
					if (kind == "one") for (b = 0; b < n; b += length(s)) printf "%s", s
					if (kind == "paragraphs") for (b = 0; b < n; b += 4 * length(s) + 2) printf "%s%s%s%s\n\n", s, s, s, s
					if (kind == "list") for (b = 0; b < n; b += length(s) + 3) printf "- %s\n", s
					if (kind == "code") { print "```"; for (b = 0; b < n; b += length(c) + 1) print c; print "```" }
					print "\"\"\""; next
				}
				{ print }' "$seed" >"$tmp/big/summary.toml"
			rm -rf "$tmp/big/out"
			measure summary "$bin" render --lang ja -o "$tmp/big/out" "$tmp/big/summary.toml"
			case $kind in
			one) what="a summary of 4 MB" ;;
			paragraphs) what="the same as paragraphs of four sentences" ;;
			list) what="the same as a list of one sentence an item" ;;
			code) what="a code block of 4 MB" ;;
			esac
			echo "summary: $(stat -c %s "$tmp/big/summary.toml") bytes, $what: $secs s, $cpu_s s CPU, peak RSS $rss MB"
		done
		;;
	digest:*)
		IFS=, read -r -a counts <<<"${what#digest:}"
		for n in "${counts[@]}"; do
			d=$tmp/big/digest-$n
			mkdir -p "$d"
			awk -v n="$n" -v dir="$d" '
				{ line[FNR] = $0; L = FNR }
				END {
					for (i = 0; i < n; i++) {
						done = 0
						for (j = 1; j <= L; j++) {
							l = line[j]
							if (!done && l ~ /^id = "/) {
								split(l, q, "\""); id = sprintf("%s-%05d", q[2], i)
								l = "id = \"" id "\""; done = 1; out = dir "/" id ".toml"
							}
							buf[j] = l
						}
						for (j = 1; j <= L; j++) print buf[j] > out
						close(out)
					}
				}' "$seed"
			rm -rf "$tmp/big/out"
			measure digest "$bin" digest --week 2021-W18 --lang ja -o "$tmp/big/out" "$d"
			pages=$(pdfinfo "$tmp/big/out"/digest-*.ja.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')
			echo "digest:  $n incidents, $pages pages: $secs s, $cpu_s s CPU, peak RSS $rss MB"
			digest_secs+=("$n:$secs:$cpu_s")
		done
		;;
	*)
		rows=$what
		awk -v n="$rows" '
			/^\[\[procurement.items\]\]/ && !done {
				skip = 1; done = 1; print "items = ["
				for (i = 0; i < n; i++)
					printf "{ordered=\"2019-%02d\",product=\"P%d\",term_months=%d,users=%d,country=[\"RU\"]},\n", i%12+1, i, i%36+1, i%500+1
				print "]"; print ""; next
			}
			/^\[analysis\]/ { skip = 0 }
			!skip { print }' "$seed" >"$tmp/big/table-$rows.toml"
		rm -rf "$tmp/big/out"
		measure table "$bin" render --lang ja -o "$tmp/big/out" "$tmp/big/table-$rows.toml"
		echo "table:   $rows rows ($(stat -c %s "$tmp/big/table-$rows.toml") bytes), $(pdfinfo "$tmp/big/out"/*.pdf 2>/dev/null | awk '/^Pages:/ {print $2}') pages: $secs s, $cpu_s s CPU, peak RSS $rss MB"
		;;
	esac
done
d500= d2000=
for x in "${digest_secs[@]}"; do
	case $x in 500:*) d500=${x#*:} ;; 2000:*) d2000=${x#*:} ;; esac
done
if [ -n "$d500" ] && [ -n "$d2000" ]; then
	# wall:cpu of each; the CPU ratio is the one to trust on a busy machine.
	echo "digest:  2,000 incidents took $(awk -v a="${d2000%:*}" -v b="${d500%:*}" 'BEGIN {printf "%.2f", a/b}')× the time of 500, $(awk -v a="${d2000#*:}" -v b="${d500#*:}" 'BEGIN {printf "%.2f", a/b}')× the CPU"
fi

# The same briefing as HTML, printed by Chromium.
if [ ! -f "$HTML" ]; then
	echo "chromium: skipped: no HTML briefing at $HTML (it lives in the shared bench folder, ../shared/bench)"
	exit 0
fi
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
	apt_install chromium fonts-morisawa-bizud-gothic || true
	chrome=$(command -v chromium || true)
fi
if [ -z "$chrome" ]; then
	echo "chromium: skipped: chromium is not installed and apt-get could not install it"
	exit 0
fi
print() { # out.pdf
	"$chrome" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$(mktemp -d "$tmp/chrome.XXXXXX")" \
		--no-pdf-header-footer --print-to-pdf="$1" "file://$HTML" >/dev/null 2>&1
}
print "$tmp/warm.pdf" || true # the first run fills the font cache
for ((i = 0; i < BROWSER_RUNS; i++)); do
	now_us a
	print "$tmp/chromium.pdf"
	now_us b
	echo $((b - a))
done | median >"$tmp/chrome.txt"
chrome_ms=$(awk '{printf "%.0f", $1/1000}' "$tmp/chrome.txt")
chrome_bytes=$(stat -c %s "$tmp/chromium.pdf")
echo "chromium: $chrome_ms ms for one print to PDF of $(basename "$HTML") (median of $BROWSER_RUNS), $chrome_bytes bytes, $(pdfinfo "$tmp/chromium.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages"
[ "$N" -gt 0 ] || exit 0 # no batch to compare with
awk -v c="$chrome_ms" -v o="$cold" -v n="$made" -v s="$batch_secs" -v cb="$chrome_bytes" -v ob="$one_bytes" 'BEGIN {
	printf "ratio:   one cold briefing %.0f× faster than Chromium (%.1f ms vs %d ms); in a batch %.0f× (%.2f ms a briefing); PDF %.2f× the size (%d vs %d bytes)\n",
		c/o, o, c, c/(s*1000/n), s*1000/n, ob/cb, ob, cb
}'
