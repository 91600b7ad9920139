CREATE TABLE upper_one (id int PRIMARY KEY REFERENCES lower_one);
