module github.com/fernhill/polyglot-inventory/catalog

go 1.22

require (
	github.com/harborline/objsign v0.3.1
	github.com/lib/pq v1.10.9
)
