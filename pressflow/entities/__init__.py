"""Named entities: spaCy NER per language, the one gazetteer, officials and their roles."""
