-- The SE a handset's SP-TSM sessions reach (REQ PRE-3, PRE-8): the key diversification data its
-- SP domain answers INITIALIZE UPDATE with (10 bytes, hex), authentic because the SP-TSM's keys
-- are diversified by it. The first session pins it; a later session that reaches another SE is
-- refused, so keys are generated, certified, locked and wiped in the SE the registry names.
ALTER TABLE handset ADD COLUMN secure_element VARCHAR(20);
