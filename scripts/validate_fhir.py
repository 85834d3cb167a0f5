"""Parses a FHIR R4 Bundle with fhir.resources (R4 4.0.1): every element's type, cardinality,
required fields, code-value sets that are bound `required`, and the resource invariants the
package implements. Exits 1 with the errors when the bundle is not valid."""
import json
import sys
from collections import Counter

import fhir.resources
from fhir.resources.bundle import Bundle
from pydantic import ValidationError


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    try:
        bundle = Bundle.parse_obj(data)
    except ValidationError as e:
        errors = e.errors()
        print(f"{path}: {len(errors)} errors (fhir.resources {fhir.resources.__version__})")
        for err in errors[:30]:
            print("  ", ".".join(str(p) for p in err["loc"]), "-", err["msg"])
        return 1
    kinds = Counter(entry.resource.resource_type for entry in bundle.entry or [])
    listed = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    print(
        f"{path}: valid FHIR R4 ({fhir.resources.__fhir_version__}) per fhir.resources "
        f"{fhir.resources.__version__}: {listed}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
