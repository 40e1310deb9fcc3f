module briefing

go 1.26.8
