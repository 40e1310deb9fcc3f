module briefing

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/go-text/typesetting v0.3.5
	github.com/klauspost/compress v1.20.4
	github.com/pandatix/go-cvss v0.6.4
	github.com/pdfcpu/pdfcpu v0.15.0
	github.com/pelletier/go-toml/v2 v2.4.3
	github.com/wneessen/go-mail v0.8.1
	github.com/yuin/goldmark v1.8.7
	golang.org/x/image v0.48.0
	golang.org/x/net v0.62.0
	golang.org/x/sys v0.50.0
	golang.org/x/text v0.44.0
)

// Tests only: testscript runs the command's scripts; fpdf checks that the
// font subsets we write load in another PDF library; jsonschema validates
// the samples against the JSON Schema of `briefing schema`; toml-test holds
// the TOML 1.0 test suite that every file of it is checked against.
require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/rogpeppe/go-internal v1.16.0
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	github.com/toml-lang/toml-test/v2 v2.2.0
)

require (
	github.com/clipperhouse/uax29/v2 v2.7.0 // indirect
	github.com/hhrutter/tiff v1.0.6 // indirect
	github.com/mattn/go-runewidth v0.0.27 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/crypto v0.58.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
