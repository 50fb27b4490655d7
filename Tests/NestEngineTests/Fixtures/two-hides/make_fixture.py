"""Writes the fixtures of RepairAcrossHidesTests: python3 make_fixture.py (in this folder)."""
import json, math
def ellipse(cx, cy, a, b, n, start=0.3):
    return [[round(cx + a*math.cos(start+2*math.pi*k/n),1), round(cy + b*math.sin(start+2*math.pi*k/n),1)] for k in range(n)]
table = {"format":"nest-hide/1","name":"bull-back","material":"leather","units":"mm","grain_deg":0,
  "outline":[[0,0],[1500,50],[2200,150],[2280,760],[2130,1270],[1000,1320],[80,1190],[-50,500]],
  "zones":[{"grade":"B","outline":[[-100,-100],[2400,-100],[2400,380],[-100,380]]},
           {"grade":"D","outline":[[-100,1020],[2400,1020],[2400,1400],[-100,1400]]}],
  "defects":[{"kind":"scratch","outline":[[760,640],[1270,660],[1270,665],[760,645]],"clearance":5}]}
goat = {"format":"nest-hide/1","name":"goat-07","material":"leather","units":"cm","grain_deg":90,
  "outline":ellipse(40,32,38,30,90)[::-1],
  "holes":[ellipse(22,20,1.2,0.8,10)],
  "defects":[{"kind":"vein","outline":[[10,30],[30,31],[30,31.3],[10,30.3]],"severity":"major"}],
  "zones":[{"grade":"C","outline":ellipse(40,32,45,37,48)},{"grade":"B","outline":ellipse(40,32,30,23,48)}]}
pattern={"format":"nest-pattern/1","model":"Chelsea boot CB-2","units":"mm","size_system":"EU",
 "sizes":["38","39","40","41","42","43","44"],"base_size":"41",
 "grading":{"length_percent_per_step":2.0,"width_percent_per_step":1.0},
 "panels":[
  {"name":"front","material":"leather","outline":[[0,0],[180,0],[230,60],[240,150],[200,260],[90,290],[10,250],[-20,120]],"quantity":2,"mirrored_pairs":True,"grain":{"direction_deg":90,"tolerance_deg":10,"reversible":False},"min_grade":"B"},
  {"name":"back","material":"leather","outline":[[0,0],[260,0],[255,200],[150,230],[5,205]],"holes":[[[100,100],[130,100],[130,115],[100,115]]],"quantity":2,"mirrored_pairs":True,"grain":{"direction_deg":90,"tolerance_deg":5},"min_grade":"C"},
  {"name":"pull tab","material":"leather","outline":[[0,0],[25,0],[25,90],[0,90]],"quantity":2,"grain":{"direction_deg":90,"tolerance_deg":0}},
  {"name":"heel stay","material":"leather","outline":[[0,0],[60,0],[58,50],[30,62],[2,50]],"quantity":2,"mirrored_pairs":True,"min_grade":"A"}]}
json.dump(table, open("bull-back.json","w"))
json.dump(goat, open("goat-07.json","w"))
json.dump(pattern, open("chelsea.json","w"))
job={"format":"nest-job/1","name":"boots-two-hides","units":"mm","stock":{"hides":["bull-back.json", "goat-07.json"]},
 "order":[{"pattern":"chelsea.json","sizes":{"38":2,"40":3,"42":3,"44":2}}],"spacing":1.5,"margin":4,"seed":1,"samples":200,"iterations":800}
json.dump(job, open("job.json","w"))
