# Sourced by the cli tests: a minimal facts snapshot.
# snapshot FILE PRIVILEGED NETWORK_MODE: one container "web".
snapshot() {
  cat >"$1" <<JSON
{"schema": "dockcis.facts/v1", "meta": {},
 "facts": {
  "engine.version": {"value": {"Version": "20.10.24", "ApiVersion": "1.41"}},
  "engine.info": {"value": {"ServerVersion": "20.10.24"}},
  "engine.containers": {"value": [{"Id": "c1", "Names": ["/web"], "Image": "app:1", "State": "running"}]},
  "container/c1/inspect": {"value": {"Id": "c1", "Name": "/web",
     "HostConfig": {"Privileged": $2, "NetworkMode": "$3"}, "Config": {"User": "1000"}, "State": {"Running": true}}}
 }}
JSON
}
