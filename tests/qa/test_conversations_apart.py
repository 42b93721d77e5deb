"""An answer does not depend on what other conversations asked before it in the same process: the plan's token
weights (`Extractor.idf`) stay the plan's own, and the weight of a piece found only inside the plan's words
("家园养" in 幸福家园养老中心) is worked out apart, the same whenever it is read (`rarity`)."""


def test_reading_a_pieces_weight_leaves_the_plans_weights_as_they_were(fixture_assistant):
    extractor = fixture_assistant.extractor
    before = dict(extractor.idf)
    assert extractor.rarity("家园养") > 0  # inside 郊区幸福家园养老中心, which jieba never cuts so
    assert extractor.rarity("家园养") == extractor.rarity("家园养")
    assert extractor.idf == before and "家园养" not in extractor.idf
