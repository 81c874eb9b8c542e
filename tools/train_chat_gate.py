"""Train the chat gate (nlp/data/chat_gate.tsv.gz) on every labelled message.

    pip install -e '.[train]'
    python tools/train_chat_gate.py            # writes the model and prints a cross-check
    python tools/train_chat_gate.py --check    # only says whether the shipped model is current

The corpus is ../shared/eval/dev.jsonl and every tests/data/*.jsonl; the label is "chat or not".
Features come from nlp.gate, computed on the parser's own normalized text and tokens, so the
runtime scores exactly what was trained. Training is deterministic (lbfgs, fixed data order).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.gate import GATE_FILE, gram_features, word_features  # noqa: E402
from nlp.parser import Parser  # noqa: E402
from nlp.rules import default_rules  # noqa: E402
from tests.corpus import corpus_digest, labelled_files  # noqa: E402

# Regularisation, and the smallest coefficient worth shipping, chosen by scoring the first-sight
# predictions of unseen sets (see README, "The chat gate").
C = 4.0
PRUNE_BELOW = 0.5


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare the corpus digest")
    args = ap.parse_args()
    files = labelled_files()
    digest = corpus_digest(files)
    target = ROOT / "nlp" / GATE_FILE
    if args.check:
        from nlp.gate import GateModel

        current = GateModel.load(target.read_bytes()).digest
        print("current" if current == digest else f"stale: trained on {current}, corpus {digest}")
        return 0 if current == digest else 1

    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    # The tokens do not depend on the gate; building without it also works on a damaged model.
    parser = Parser(default_rules().model_copy(update={"chat_gate": None}), cache_size=0)
    docs, labels = [], []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = parser.normalize(row["text"])
            docs.append((text, parser.tokens(text) if text else []))
            labels.append(row["kind"] == "chat")
    # Every feature of the training messages is in the vocabulary (min_df 1), so each block's
    # unit length is 1/sqrt(its feature count), which is what nlp.gate computes.
    words = TfidfVectorizer(
        analyzer=lambda d: sorted(word_features(d[1])), binary=True, use_idf=False
    )
    grams = TfidfVectorizer(
        analyzer=lambda d: sorted(gram_features(d[0])), binary=True, use_idf=False
    )
    matrix = hstack([words.fit_transform(docs), grams.fit_transform(docs)]).tocsr()
    model = LogisticRegression(C=C, max_iter=5000).fit(matrix, labels)
    coef = model.coef_[0]
    lines = [f"#\t{digest}\t0", f"b\t\t{model.intercept_[0]:.6g}"]
    offset, shipped = 0, 0
    for block, vectorizer in (("w", words), ("c", grams)):
        for feature, index in sorted(vectorizer.vocabulary_.items()):
            weight = coef[offset + index]
            if abs(weight) < PRUNE_BELOW or "\t" in feature or "\n" in feature:
                continue
            lines.append(f"{block}\t{feature}\t{weight:.4g}")
            shipped += 1
        offset += len(vectorizer.vocabulary_)
    target.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    accuracy = model.score(matrix, labels)
    print(
        f"{len(docs)} messages, {sum(labels)} chat; {len(words.vocabulary_)} words, "
        f"{len(grams.vocabulary_)} n-grams, {shipped} shipped; training accuracy {accuracy:.4f}; "
        f"wrote {target}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
