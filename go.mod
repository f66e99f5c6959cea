module github.com/nexusfleet/nexus

go 1.26
