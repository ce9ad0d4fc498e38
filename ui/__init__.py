"""The Qt desktop application. Imports ``branchdesk``; never the other way round."""
