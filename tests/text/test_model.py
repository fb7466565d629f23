"""The pipeline's records: frozen dataclasses whose constructor fills their slots directly."""

import dataclasses
import pickle

import pytest

from reader.text.model import Heading, Paragraph, Sentence


def test_records_are_built_by_position_or_keyword_with_defaults_and_stay_frozen():
    s = Sentence("d:abc:0", 3, "推进改革。", "sentence", 10, 15, 4, ("一、总体要求",), 2)
    assert s == Sentence(
        id="d:abc:0", index=3, text="推进改革。", kind="sentence", start=10, end=15, line=4, section=("一、总体要求",),
        paragraph=2,
    )  # fmt: skip
    assert (s.id, s.text, s.section, s.paragraph) == ("d:abc:0", "推进改革。", ("一、总体要求",), 2)
    assert repr(s).startswith("Sentence(id='d:abc:0', index=3, text='推进改革。'")
    assert hash(s) == hash(dataclasses.replace(s)) and pickle.loads(pickle.dumps(s)) == s
    assert Paragraph(0, "text", 0, 5, 1).level == 0 and Paragraph(0, "heading", 0, 5, 1, 2).level == 2
    assert dataclasses.replace(Heading(1, "一、", 0, 2, 1, ("一、",)), level=2).level == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.text = "改了"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Sentence("d:abc:0", 3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Paragraph(0, "text", 0, 5, 1, colour="red")  # type: ignore[call-arg]
