-- The receipt a deletion notice carries (REQ LIFE-8): a random code made at the first push and
-- sent in every notice of the deletion. The app acknowledges with it, which shows the notice
-- reached the app instance behind a registered token; the APP role alone is shared by every
-- installation and proves nothing.
ALTER TABLE deletion ADD COLUMN receipt VARCHAR(32);
