CREATE TABLE lower_one (id bigint PRIMARY KEY);
