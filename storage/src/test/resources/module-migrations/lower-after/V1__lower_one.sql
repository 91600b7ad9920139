CREATE TABLE lower_one (id int PRIMARY KEY);
