\set k random(0, 99999)
SELECT id, n, spend FROM per_asset WHERE id = :k;
