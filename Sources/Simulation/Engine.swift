import PlantModel
import Scenario
import SimCore
