"""Everything that speaks to Neo4j: the client (connection), the schema (constraints and indexes, with their names),
the mapping and loader (writes), the named reads (queries), the analysts' read-only gate, and the local server's
process manager. Nothing outside this package writes Cypher, except the retrievers' filters built from queries."""
