"""Input and output at the edges: reading postings (files, HTML, ATS JSON), configuration, reports,
checking many files on several cores, writing files atomically."""
