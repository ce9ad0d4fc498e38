"""Setting up an archive, each fact asked once: from when it records (``start``) and
who the committee is, creating the members typed there (``committee``). The first-run
wizard, 设置 and ``branchdesk init`` / ``committee`` all go through here."""
