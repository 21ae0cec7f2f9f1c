"""The four provinces' deployed profiles (infra/provinces/), whose photo: and documents: keys the checks read."""
from functions.profiles.loader import load_profile

ANHUI, SHANXI, CHONGQING, HUBEI = (load_profile(code).data for code in ("anhui", "shanxi", "chongqing", "hubei"))
PROVINCES = {"安徽": ANHUI, "山西": SHANXI, "重庆": CHONGQING, "湖北": HUBEI}
