import Reference
