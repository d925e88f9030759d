#!/usr/bin/python3
"""Offline check of the suite's Kubernetes manifests, no cluster needed.

Every object is read against the Kubernetes API's own models (python3-kubernetes, generated from the
API's OpenAPI schema): an unknown field, a wrong type or a missing required field is an error naming
its path. Then the suite's own rules: an Indexed Job whose completions and parallelism equal the
ConfigMap's AGENTS, each pod running `./acceptance agent` with RUN_ID from the Job's name, and the
settings an agent cannot run without. Usage: check_manifests.py FILE... (exit 1 on any error).
"""
import re
import sys

import yaml
from kubernetes import client

KINDS = {("v1", "ConfigMap"): "V1ConfigMap", ("v1", "Secret"): "V1Secret", ("batch/v1", "Job"): "V1Job"}
PRIMITIVES = {"str": str, "int": int, "bool": bool, "float": (int, float)}


def build(value, type_name, path, errors):
    """The value as the API model of type_name, recording every schema error under its path."""
    if value is None:
        return None
    if type_name.startswith("list["):
        if not isinstance(value, list):
            errors.append(f"{path}: expected a list, found {type(value).__name__}")
            return None
        return [build(v, type_name[5:-1], f"{path}[{i}]", errors) for i, v in enumerate(value)]
    if type_name.startswith("dict("):
        inner = re.match(r"dict\(str, (.*)\)", type_name).group(1)
        if not isinstance(value, dict):
            errors.append(f"{path}: expected a map, found {type(value).__name__}")
            return None
        return {k: build(v, inner, f"{path}.{k}", errors) for k, v in value.items()}
    if type_name in PRIMITIVES:
        if not isinstance(value, PRIMITIVES[type_name]) or (type_name == "int" and isinstance(value, bool)):
            errors.append(f"{path}: expected {type_name}, found {type(value).__name__} ({value!r})")
        return value
    if type_name in ("object", "datetime", "date"):
        return value
    model = getattr(client, type_name)
    if not isinstance(value, dict):
        errors.append(f"{path}: expected a {type_name} object, found {type(value).__name__}")
        return None
    by_json = {json: attr for attr, json in model.attribute_map.items()}
    kwargs = {}
    for key, v in value.items():
        if key not in by_json:
            errors.append(f"{path}.{key}: not a field of {type_name} (fields: {', '.join(sorted(by_json))})")
            continue
        kwargs[by_json[key]] = build(v, model.openapi_types[by_json[key]], f"{path}.{key}", errors)
    try:
        return model(**kwargs)
    except ValueError as e:
        errors.append(f"{path}: {e}")
        return None


def suite_rules(objects, errors):
    settings = [o for o in objects if o.get("kind") == "ConfigMap" and o["metadata"]["name"] == "mangamotion-acceptance-settings"]
    jobs = [o for o in objects if o.get("kind") == "Job"]
    if not settings:
        errors.append("no ConfigMap mangamotion-acceptance-settings: the agents have no settings")
        return
    data = settings[0].get("data") or {}
    for needed in ("AGENTS", "RESULTS_URI", "BASE_URL"):
        if needed not in data:
            errors.append(f"ConfigMap: {needed} is missing (an agent cannot run without it)")
    if not str(data.get("RESULTS_URI", "")).startswith("s3://"):
        errors.append("ConfigMap: RESULTS_URI must be s3://bucket/prefix: pods share no folder")
    for job in jobs:
        spec, name = job.get("spec") or {}, job["metadata"].get("name") or job["metadata"].get("generateName")
        if spec.get("completionMode") != "Indexed":
            errors.append(f"Job {name}: completionMode must be Indexed (each pod's JOB_COMPLETION_INDEX is its agent index)")
        agents = int(data.get("AGENTS", "0"))
        if spec.get("completions") != agents or spec.get("parallelism") != agents:
            errors.append(f"Job {name}: completions ({spec.get('completions')}) and parallelism ({spec.get('parallelism')}) must both equal AGENTS ({agents}): all agents run at once")
        containers = (((spec.get("template") or {}).get("spec") or {}).get("containers")) or []
        for c in containers:
            if c.get("command", [])[-1:] != ["agent"]:
                errors.append(f"Job {name}: container {c.get('name')} must run ./acceptance agent")
            run_id = [e for e in c.get("env") or [] if e.get("name") == "RUN_ID"]
            if not run_id or "job-name" not in str(run_id[0].get("valueFrom", "")):
                errors.append(f"Job {name}: container {c.get('name')} must read RUN_ID from the Job's name (metadata.labels['job-name']), the one value all its pods share")


def main(paths):
    errors, objects = [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for number, doc in enumerate(yaml.safe_load_all(f)):
                if not doc or doc.get("kind") == "Kustomization":
                    continue
                where = f"{path}#{number}"
                key = (doc.get("apiVersion"), doc.get("kind"))
                if key not in KINDS:
                    errors.append(f"{where}: {key[0]} {key[1]} is not a kind the suite deploys ({', '.join(k for _, k in KINDS)})")
                    continue
                build(doc, KINDS[key], f"{where} {key[1]}", errors)
                objects.append(doc)
                print(f"checked {key[0]} {key[1]} {doc['metadata'].get('name') or doc['metadata'].get('generateName')}")
    suite_rules(objects, errors)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
