# Dates as the old LFNKR news page wrote them: "December 11, 2014".
DATE_FORMAT = "F j, Y"
