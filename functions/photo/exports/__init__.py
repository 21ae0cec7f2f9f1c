"""学信网's photo package: the approved graduates' photos in the national standard, beside the graduates CSV."""
