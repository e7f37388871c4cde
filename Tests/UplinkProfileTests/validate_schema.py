#!/usr/bin/env python3
"""Checks docs/uplink-profile.schema.json against example payloads, and docs/openapi.yaml.

usage: validate_schema.py schema SCHEMA_JSON EXAMPLES_DIR
         every EXAMPLES_DIR/<Def>--<name>.json must validate against $defs/<Def>;
         every EXAMPLES_DIR/invalid--<Def>--<name>.json must NOT validate (the schema is not vacuous).
       validate_schema.py openapi OPENAPI_YAML
         the document is a valid OpenAPI 3.1 document, and its uplink schemas equal the $defs of
         uplink-profile.schema.json next to it.

Exit 0 when all is well; 2 when a Python module is missing (the message names it); 1 otherwise.
"""
import json
import os
import sys


def need(module):
    try:
        return __import__(module)
    except ImportError:
        print(f"missing Python module '{module}' for {sys.executable} (pip install {module.replace('_', '-')})")
        sys.exit(2)


def check_schema(schema_path, examples_dir):
    jsonschema = need("jsonschema")
    with open(schema_path, encoding="utf-8") as f:
        root = json.load(f)
    jsonschema.Draft202012Validator.check_schema(root)
    failures, checked = [], 0
    for name in sorted(os.listdir(examples_dir)):
        if not name.endswith(".json"):
            continue
        parts = name[: -len(".json")].split("--")
        invalid = parts[0] == "invalid"
        definition = parts[1] if invalid else parts[0]
        if definition not in root.get("$defs", {}):
            failures.append(f"{name}: no $defs/{definition} in the schema")
            continue
        schema = {"$schema": root["$schema"], "$defs": root["$defs"], "$ref": f"#/$defs/{definition}"}
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        with open(os.path.join(examples_dir, name), encoding="utf-8") as f:
            instance = json.load(f)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        checked += 1
        if invalid and not errors:
            failures.append(f"{name}: accepted by $defs/{definition} but should be refused")
        elif not invalid and errors:
            e = errors[0]
            path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path)
            failures.append(f"{name}: {path}: {e.message}")
    if checked == 0:
        failures.append(f"no examples in {examples_dir}")
    for line in failures:
        print(line)
    if not failures:
        print(f"{checked} examples checked against {schema_path}")
    return 1 if failures else 0


def check_openapi(path):
    validator = need("openapi_spec_validator")
    need("yaml")
    import yaml

    with open(path, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    if not str(document.get("openapi", "")).startswith("3.1"):
        print(f"{path}: expected openapi 3.1.x, found {document.get('openapi')}")
        return 1
    try:
        validator.validate(document)
    except Exception as error:  # the validator's own error types differ between versions
        print(f"{path}: {error}")
        return 1
    # The uplink payload schemas are copies of docs/uplink-profile.schema.json's $defs.
    schema_path = os.path.join(os.path.dirname(path), "uplink-profile.schema.json")
    with open(schema_path, encoding="utf-8") as f:
        defs = json.loads(json.dumps(json.load(f)["$defs"]).replace("#/$defs/", "#/components/schemas/"))
    components = document.get("components", {}).get("schemas", {})
    drift = [name for name, definition in defs.items() if components.get(name) != definition]
    if drift:
        print(f"{path}: components/schemas differ from {schema_path} $defs for: {', '.join(drift)}")
        return 1
    print(f"{path}: valid OpenAPI {document['openapi']}, {len(document.get('paths', {}))} paths, "
          f"{len(defs)} uplink schemas equal to {schema_path}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "schema":
        sys.exit(check_schema(sys.argv[2], sys.argv[3]))
    if len(sys.argv) == 3 and sys.argv[1] == "openapi":
        sys.exit(check_openapi(sys.argv[2]))
    print(__doc__)
    sys.exit(1)
