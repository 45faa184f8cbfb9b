-- The gradient-boosted model is a fourth model kind (it explains every score by exact per-characteristic contributions).
ALTER TABLE MODEL DROP CONSTRAINT CK_MODEL_KIND;
ALTER TABLE MODEL ADD CONSTRAINT CK_MODEL_KIND CHECK (KIND IN ('SCORECARD', 'TREE_ENSEMBLE', 'THIN_FILE', 'GRADIENT_BOOSTED'));
