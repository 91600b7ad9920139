CREATE TABLE lower_two (id int PRIMARY KEY REFERENCES lower_one);
