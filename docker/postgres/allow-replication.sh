# Sourced by the official postgres image when it initialises an empty data directory
# (docker-entrypoint-initdb.d): db-replica connects as the database's owner to stream the WAL
# (docker-compose.yml; README, "Read replicas"). "all" in pg_hba.conf never covers replication.
echo "host replication $POSTGRES_USER all scram-sha-256" >> "$PGDATA/pg_hba.conf"
