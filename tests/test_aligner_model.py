"""The shipped model fits the code, and a model that does not is refused by name, never read as zeros."""

from __future__ import annotations

import json

import numpy as np
import pytest

from align.aligner.model import MODEL_PATH, Model, ModelError
from align.aligner.signals import FEATURES, SIGNALS


def _model_with(tmp_path, change) -> Model:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return Model.load(path)


def test_shipped_model_has_a_weight_for_every_feature_of_every_signal():
    model = Model.load()
    assert [name for signal in SIGNALS for name in signal.features] == list(FEATURES)
    for mode in ("embed", "fast"):
        assert model.search_weights(mode).shape == (len(FEATURES),)
        assert np.isfinite(model.search_weights(mode)).all()
        assert model.first_pass_weights(mode) is not None
    assert len(model.hash) == 12


def test_a_missing_feature_weight_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match=r"embed\.search does not match the aligner's features \(missing cos_min\).*fit_aligner"):
        _model_with(tmp_path, lambda d: d["embed"]["search"].pop("cos_min"))


def test_a_model_for_other_features_is_refused(tmp_path):
    def rename(data):
        data["features"] = [("cos_old" if name == "cos" else name) for name in data["features"]]

    with pytest.raises(ModelError, match="missing cos; unknown cos_old"):
        _model_with(tmp_path, rename)


def test_a_missing_first_pass_feature_is_refused_too(tmp_path):
    with pytest.raises(ModelError, match=r"fast\.first_pass .*missing said_first"):
        _model_with(tmp_path, lambda d: d["fast"]["first_pass"].pop("said_first"))


def test_unreadable_model_names_the_file_and_the_fix(tmp_path):
    path = tmp_path / "model.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="cannot read the aligner's model.*python bench/fit_aligner.py"):
        Model.load(path)
