"""Parses a Prometheus text exposition with prometheus_client's parser (an independent consumer);
prints every sample as JSON. Fails loudly on anything the parser rejects."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

samples = []
with open(sys.argv[1], encoding="utf-8") as exposition:
    for family in text_string_to_metric_families(exposition.read()):
        for sample in family.samples:
            samples.append({"type": family.type, "name": sample.name, "labels": sample.labels, "value": sample.value})
print(json.dumps(samples))
